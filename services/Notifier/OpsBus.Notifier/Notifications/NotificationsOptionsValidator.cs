using Microsoft.Extensions.Options;

namespace OpsBus.Notifier.Notifications;

/// <summary>Refuses to start with notification options that cannot work, naming the setting.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
