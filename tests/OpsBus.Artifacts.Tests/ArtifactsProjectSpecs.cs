namespace OpsBus.Artifacts.Tests;

public sealed class When_the_artifacts_service_is_built
{
    [Fact]
    public void Should_expose_its_registration() => Assert.True(typeof(ArtifactsExtensions).IsAbstract && typeof(ArtifactsExtensions).IsSealed);
}
