using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpsBus.Api.Tests;

/// <summary>
/// The SQL of every statement EF Core sends, in any host of this process, that names <c>table</c> and carries
/// <c>value</c> as a parameter: a value unique to one spec keeps other specs' statements out.
/// </summary>
internal sealed class StatementsCarrying : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _table;
    private readonly string _value;
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly List<IDisposable> _subscriptions = [];

    private StatementsCarrying(string table, string value)
    {
        _table = table;
        _value = value;
    }

    public static StatementsCarrying Start(string table, string value)
    {
        var statements = new StatementsCarrying(table, value);
        lock (statements._subscriptions)
            statements._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(statements));
        return statements;
    }

    /// <summary>The first word of each statement, in the order they were sent: SELECT, INSERT, …</summary>
    public IReadOnlyList<string> Verbs => _statements.Select(s => s.TrimStart().Split(' ', 2)[0].ToUpperInvariant()).ToList();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> diagnostic)
    {
        if (diagnostic.Key == RelationalEventId.CommandExecuting.Name && diagnostic.Value is CommandEventData { Command: var command } && Carries(command))
            _statements.Enqueue(command.CommandText);
    }

    private bool Carries(DbCommand command) =>
        command.CommandText.Contains(_table, StringComparison.Ordinal)
        && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, _value));

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
                subscription.Dispose();
            _subscriptions.Clear();
        }
    }
}
