using Microsoft.Extensions.Options;

namespace OpsBus.LaneWorker.Adapters;

/// <summary>Refuses to start with vendor options that cannot work, saying which setting is wrong.</summary>
internal sealed class VendorOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : VendorOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
