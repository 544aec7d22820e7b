namespace OpsBus.Embedded.Tests;

/// <summary>
/// Specs that observe the whole process run alone, after the others: an <see cref="System.Diagnostics.ActivityListener"/>
/// hears every host in the process (and an ambient span of one host's test can become the parent of another's), and the
/// managed heap holds every host's objects, so another test's hosts running alongside would be counted as this one's.
/// </summary>
[CollectionDefinition(nameof(ProcessWideObservation), DisableParallelization = true)]
public sealed class ProcessWideObservation;
