using Microsoft.Extensions.Options;

namespace OpsBus.Artifacts;

/// <summary>Refuses to start with artifacts options that cannot work, naming the setting.</summary>
internal sealed class ArtifactsOptionsValidator : IValidateOptions<ArtifactsOptions>
{
    public ValidateOptionsResult Validate(string? name, ArtifactsOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
