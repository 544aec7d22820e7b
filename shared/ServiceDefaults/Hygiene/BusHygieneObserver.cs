using MassTransit;
using MassTransit.Middleware;

namespace OpsBus.ServiceDefaults.Hygiene;

/// <summary>
/// Gives every receive endpoint of the bus the same handling of messages it cannot consume, so a malformed or unknown
/// message never blocks a queue and is never silent:
/// <list type="bullet">
/// <item>a message that faults (unreadable body, missing or mistyped fields, a consumer that gave up) goes to
/// <c>&lt;queue&gt;_error</c> as MassTransit does it: a <c>Fault</c> is published and the copy carries <c>MT-Reason: fault</c>,
/// <c>MT-Fault-ExceptionType</c> and <c>MT-Fault-Message</c>;</item>
/// <item>a well-formed message no consumer of the endpoint takes (an unknown message type, an event for a saga that no
/// longer exists) goes to <c>&lt;queue&gt;_skipped</c> with an <c>MT-Reason</c> naming the endpoint and the message's types
/// (<see cref="SkippedMessageFilter"/>). It stays apart from <c>_error</c> on purpose: nothing failed, and some of these
/// are expected (late events of finished runs), while <c>_error</c> holds what needs a person;</item>
/// <item>both are counted by <see cref="BusHygieneMetrics"/> (<c>opsbus.bus.messages.rejected</c>, by endpoint, outcome
/// and reason).</item>
/// </list>
/// </summary>
public sealed class BusHygieneObserver(BusHygieneMetrics metrics) : IEndpointConfigurationObserver
{
    public void EndpointConfigured<T>(T configurator)
        where T : IReceiveEndpointConfigurator
    {
        configurator.ConfigureDeadLetter(pipe => pipe.UseFilter(new SkippedMessageFilter(metrics)));
        configurator.ConfigureError(pipe =>
        {
            pipe.UseFilter(new GenerateFaultFilter());
            pipe.UseExecute(context => metrics.Rejected(context.InputAddress, BusHygieneMetrics.Faulted, context.Exception.GetType().Name));
            pipe.UseFilter(new ErrorTransportFilter());
        });
    }
}
