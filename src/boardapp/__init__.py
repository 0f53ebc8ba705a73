"""boardapp: the improvement board secretariat's offline desktop tool."""

__version__ = "0.1.0"
