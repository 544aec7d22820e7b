using System.Data.Common;
using MassTransit;

namespace OpsBus.SagaStore;

/// <summary>
/// Rides out a database that is briefly away (restarted, failed over, connections dropped): a message whose handling
/// failed on a transient database error (<see cref="DbException.IsTransient"/>, a lost connection or a server shutting
/// down, or a timeout, anywhere in the exception chain) is retried for about a minute before it is faulted to the error queue, instead of after a few seconds.
/// The message stays unacknowledged on the transport meanwhile, so nothing is lost if the process stops.
/// </summary>
public static class DatabaseOutageRetry
{
    /// <summary>1, 2, 4, 8, 15 and 30 s: about a minute in all.</summary>
    public static readonly TimeSpan[] Intervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    public static void UseDatabaseOutageRetry(this IConsumePipeConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(IsTransient);
            r.Intervals(Intervals);
        });

    /// <summary>True when the failure is the database being unreachable or busy, not the message or the data.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || (e is DbException db && (db.IsTransient || IsConnectionLoss(db.SqlState))))
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
                return true;
        }
        return false;
    }

    /// <summary>SQLSTATE classes 08 (connection exception) and 57P (the server shutting down or starting up).</summary>
    private static bool IsConnectionLoss(string? sqlState) =>
        sqlState is not null && (sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal));
}
