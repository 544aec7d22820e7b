using Microsoft.Extensions.DependencyInjection;

namespace OpsBus.LaneWorker.Actions.SpecKit;

public static class SpecKitActionExtensions
{
    /// <summary>
    /// <c>spec.generate</c> and <c>spec.validate</c>. They reach GitHub through the GitHub adapter's clients, so
    /// <c>AddVendorAdapters</c> must be registered too.
    /// </summary>
    public static IServiceCollection AddSpecKitActions(this IServiceCollection services) =>
        services.AddRunAction<SpecGenerateAction>().AddRunAction<SpecValidateAction>();
}
