namespace OpsBus.Artifacts;

/// <summary>Registration of the artifacts service (filled in by the artifacts work).</summary>
public static class ArtifactsExtensions;
