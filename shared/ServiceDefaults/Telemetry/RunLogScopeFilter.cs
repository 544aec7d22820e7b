using System.Linq.Expressions;
using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace OpsBus.ServiceDefaults.Telemetry;

/// <summary>
/// Every consumer and saga of every host logs inside a scope naming the run (<c>RunId</c>) and, for messages that carry
/// one, the attempt (<c>Attempt</c>) of the message it handles: OpsBus contracts all carry <c>RunId</c>. Scopes flow
/// with the async context, so what a worker logs while it executes a step carries them too.
/// </summary>
public sealed class RunLogScopeFilter<T>(ILogger<RunLogScopeFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    private static readonly Func<T, Guid>? RunIdOf = Getter<Guid>(RunLogScope.RunId);
    private static readonly Func<T, int>? AttemptOf = Getter<int>(RunLogScope.Attempt);

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (RunIdOf is null)
        {
            await next.Send(context);
            return;
        }

        var scope = new Dictionary<string, object>(2) { [RunLogScope.RunId] = RunIdOf(context.Message) };
        if (AttemptOf is not null)
            scope[RunLogScope.Attempt] = AttemptOf(context.Message);
        using (logger.BeginScope(scope))
            await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("runLogScope");

    private static Func<T, TValue>? Getter<TValue>(string name)
    {
        var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || property.PropertyType != typeof(TValue) || property.GetMethod is null)
            return null;
        var message = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(message, property), message).Compile();
    }
}
