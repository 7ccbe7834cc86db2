"""One Pulumi ComponentResource per system of the platform."""
