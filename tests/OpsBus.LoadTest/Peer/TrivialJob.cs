using Npgsql;
using NpgsqlTypes;

namespace OpsBus.LoadTest.Peer;

/// <summary>
/// The Hangfire peer's equivalent of a trivial OpsBus run: three log lines written durably to PostgreSQL in one
/// statement, as OpsBus's read model stores a run's batched log lines.
/// </summary>
public sealed class TrivialJob(NpgsqlDataSource database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_log_lines (
            run_id uuid NOT NULL,
            seq int NOT NULL,
            at timestamptz NOT NULL,
            message text NOT NULL,
            PRIMARY KEY (run_id, seq))
        """;

    public async Task RunAsync(Guid runId, int index)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO bench_log_lines (run_id, seq, at, message) SELECT @run, s, now(), m FROM unnest(@seqs, @messages) AS t(s, m)");
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("seqs", NpgsqlDbType.Array | NpgsqlDbType.Integer, new[] { 1, 2, 3 });
        command.Parameters.AddWithValue("messages", NpgsqlDbType.Array | NpgsqlDbType.Text, new[] { "job started", $"load run {index}", "job succeeded" });
        await command.ExecuteNonQueryAsync();
    }
}
