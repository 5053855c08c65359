"""A small appointment-line app: SMS notifications, an IVR menu and call reminders."""
