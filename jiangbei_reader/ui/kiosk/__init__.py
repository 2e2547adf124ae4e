"""Kiosk mode's Qt layer: lockdown, admin exit, idle reset, on-screen keyboard, one instance."""
