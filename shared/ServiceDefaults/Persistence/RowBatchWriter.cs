using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpsBus.ServiceDefaults.Persistence;

/// <summary>
/// How a batch of messages is stored (the orchestrator's read model, the artifacts service's run owners): in one
/// transaction, through one multi-row <c>INSERT ... ON CONFLICT</c> built once and reused for every full chunk of rows,
/// the cheapest way to feed SQLite and PostgreSQL alike (INSERT ... ON CONFLICT is their common dialect). Every value
/// is a parameter: a Guid as the model maps it (upper-case text in SQLite, uuid in PostgreSQL), a local time as UTC,
/// null as SQL NULL.
/// </summary>
public static class RowBatchWriter
{
    /// <summary>Rows per INSERT: at most 10 parameters each, well under SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerStatement = 100;

    /// <summary>What <c>IsSqlite()</c> compares with, without a reference to the SQLite provider.</summary>
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <param name="db">The consumer's database.</param>
    /// <param name="table">The table the rows go to.</param>
    /// <param name="columns">The columns each row gives a value for, in order.</param>
    /// <param name="onConflict">What a row that is there already does, from <c>ON CONFLICT</c> on.</param>
    /// <param name="rows">The values of each row. PostgreSQL refuses a statement that updates one row twice: the caller
    /// gives each conflict key at most once.</param>
    /// <param name="cancellationToken">Stops the write; the transaction is rolled back.</param>
    public static async Task WriteAsync(DbContext db, string table, IReadOnlyList<string> columns, string onConflict,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;

        var sqlite = db.Database.ProviderName == SqliteProvider;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var full = Command(db, transaction, table, columns, onConflict, Math.Min(RowsPerStatement, rows.Count));
        for (var offset = 0; offset < rows.Count; offset += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - offset);
            var rowsOfFull = full.Parameters.Count / columns.Count;
            await using var partial = count < rowsOfFull ? Command(db, transaction, table, columns, onConflict, count) : null;
            var command = partial ?? full;
            for (var i = 0; i < count; i++)
            {
                var values = rows[offset + i];
                for (var c = 0; c < columns.Count; c++)
                    command.Parameters[i * columns.Count + c].Value = Parameter(values[c], sqlite);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static object Parameter(object? value, bool sqlite) => value switch
    {
        null => DBNull.Value,
        Guid guid when sqlite => guid.ToString().ToUpperInvariant(),
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => value,
    };

    private static DbCommand Command(DbContext db, IDbContextTransaction transaction, string table, IReadOnlyList<string> columns,
        string onConflict, int rows)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i * columns.Count + c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(onConflict).ToString();
        return command;
    }
}
