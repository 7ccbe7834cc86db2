"""Tags that say whose a resource is and what data it holds."""
