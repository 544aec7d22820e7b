// Each scenario starts the whole embedded system and a Chromium: one at a time, on a shared two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
