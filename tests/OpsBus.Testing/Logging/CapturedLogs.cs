using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpsBus.Testing.Logging;

/// <summary>One captured log entry with the scopes it was written in (each scope's key/value pairs, outermost first).</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<IReadOnlyDictionary<string, object?>> Scopes)
{
    /// <summary>The value of <paramref name="key"/> in the innermost scope that names it.</summary>
    public object? ScopeValue(string key) =>
        Scopes.Reverse().Select(scope => scope.TryGetValue(key, out var value) ? value : null).FirstOrDefault(value => value is not null);
}

/// <summary>
/// Keeps every log line the host lets through, whatever its category, so a test can look for what must never be logged
/// (API keys, vendor tokens), and every entry with its scopes, so a test can see what a line is tagged with.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public IReadOnlyList<CapturedLogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs captured) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => captured._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            captured._lines.Enqueue($"{category} {logLevel}: {message} {exception}");
            var scopes = new List<IReadOnlyDictionary<string, object?>>();
            captured._scopes.ForEachScope((scope, list) => list.Add(AsPairs(scope)), scopes);
            captured._entries.Enqueue(new CapturedLogEntry(category, logLevel, message, scopes));
        }

        private static IReadOnlyDictionary<string, object?> AsPairs(object? scope) => scope switch
        {
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            _ => new Dictionary<string, object?> { [""] = scope?.ToString() },
        };
    }
}
