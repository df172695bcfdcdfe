"""A realistic generated dataset in Amazon's own report formats."""

from reinstate.demo.generator import DemoAccount, DemoFile, DemoManifest, generate_demo_data

__all__ = ["DemoAccount", "DemoFile", "DemoManifest", "generate_demo_data"]
