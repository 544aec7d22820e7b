using Npgsql;

namespace OpsBus.LaneWorker.Schema;

/// <summary>Reads a <see cref="SchemaModel"/> from a live PostgreSQL database: information_schema for tables and columns, pg_indexes for indexes.</summary>
public static class PostgresSchemaReader
{
    private const string ColumnsSql = """
        SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable = 'YES', c.column_default, c.identity_generation
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema
        JOIN pg_catalog.pg_class r ON r.relnamespace = n.oid AND r.relname = c.table_name
        JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attname = c.column_name
        WHERE c.table_schema = @schema
        ORDER BY c.table_name, c.ordinal_position
        """;

    private const string TablesSql = """
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = @schema AND table_type = 'BASE TABLE'
        """;

    // A foreign key also points at the index it references (conindid), so only the index's own constraint kinds count.
    private const string IndexesSql = """
        SELECT i.tablename, i.indexname, i.indexdef, pg_get_constraintdef(con.oid)
        FROM pg_catalog.pg_indexes i
        JOIN pg_catalog.pg_namespace n ON n.nspname = i.schemaname
        JOIN pg_catalog.pg_class ic ON ic.relnamespace = n.oid AND ic.relname = i.indexname
        LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = ic.oid AND con.contype IN ('p', 'u', 'x')
        WHERE i.schemaname = @schema
        """;

    public static async Task<SchemaModel> ReadAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var columns = new Dictionary<string, List<ColumnModel>>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, TablesSql, schema, cancellationToken))
            columns[row.GetString(0)] = [];
        await foreach (var row in QueryAsync(connection, ColumnsSql, schema, cancellationToken))
        {
            columns[row.GetString(0)].Add(new ColumnModel(
                row.GetString(1), row.GetString(2), row.GetBoolean(3), NullableString(row, 4), NullableString(row, 5)));
        }

        var indexes = columns.Keys.ToDictionary(table => table, _ => new List<IndexModel>(), StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, IndexesSql, schema, cancellationToken))
        {
            if (indexes.TryGetValue(row.GetString(0), out var list))
                list.Add(new IndexModel(row.GetString(1), row.GetString(2), NullableString(row, 3)));
        }

        return new SchemaModel(columns.Keys.Order(StringComparer.Ordinal)
            .Select(table => new TableModel(table, columns[table], indexes[table].OrderBy(i => i.Name, StringComparer.Ordinal).ToList()))
            .ToList());
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> QueryAsync(
        NpgsqlConnection connection, string sql, string schema, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return reader;
    }

    private static string? NullableString(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
