"""dataspace compliance: a CrossGuard policy pack for GDPR isolation and a security baseline.

The same policy objects run in two places: ``pulumi preview --policy-pack policies``
(the pack's ``__main__.py`` serves them to the engine) and ``dataspace check``
(``policies.offline`` feeds them a plan made under mocks). Rules read the provider
properties the engine sends, never the project's stack model: nothing here imports
``stacks``, ``components`` or ``runtime``.

How a rule knows its stack: every URN starts ``urn:pulumi:<stack>::``; the stack's
environment and residency zone come from the ``stacks`` table in each policy's config
(defaults in ``policies.support.zones.STACKS``), or, for a stack the table does not
name, from the name itself (see ``policies.support.context``). This works the same in
``pulumi preview`` and offline, and does not trust the tags it also checks.
"""
