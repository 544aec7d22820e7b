namespace OpsBus.LaneWorker.Schema;

/// <summary>
/// Computes the changes that make a target schema match a source schema, in an order that applies cleanly:
/// changed or removed indexes and constraints dropped, extra tables dropped, missing tables created, columns
/// added and altered and removed, then indexes and constraints created. Within each group, by table then name,
/// columns in the source's order; the same two schemas always give the same list.
/// </summary>
public static class SchemaDiff
{
    public static IReadOnlyList<SchemaChange> Compare(SchemaModel source, SchemaModel target)
    {
        var sourceTables = source.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var targetTables = target.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var common = sourceTables.Keys.Where(targetTables.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var changes = new List<SchemaChange>();

        foreach (var table in common)
        {
            var wanted = sourceTables[table].Indexes.ToDictionary(i => i.Name, StringComparer.Ordinal);
            changes.AddRange(targetTables[table].Indexes
                .Where(index => !wanted.TryGetValue(index.Name, out var kept) || kept != index)
                .OrderBy(index => index.Name, StringComparer.Ordinal)
                .Select(index => new DropIndex(table, index)));
        }

        changes.AddRange(targetTables.Keys.Where(name => !sourceTables.ContainsKey(name)).Order(StringComparer.Ordinal).Select(name => new DropTable(name)));
        changes.AddRange(sourceTables.Keys.Where(name => !targetTables.ContainsKey(name)).Order(StringComparer.Ordinal).Select(name => new CreateTable(sourceTables[name])));

        foreach (var table in common)
            changes.AddRange(CompareColumns(table, sourceTables[table].Columns, targetTables[table].Columns));

        foreach (var table in sourceTables.Keys.Order(StringComparer.Ordinal))
        {
            var existing = targetTables.TryGetValue(table, out var current)
                ? current.Indexes.ToDictionary(i => i.Name, StringComparer.Ordinal)
                : [];
            changes.AddRange(sourceTables[table].Indexes
                .Where(index => !existing.TryGetValue(index.Name, out var present) || present != index)
                .OrderBy(index => index.Name, StringComparer.Ordinal)
                .Select(index => new CreateIndex(table, index)));
        }
        return changes;
    }

    private static IEnumerable<SchemaChange> CompareColumns(string table, IReadOnlyList<ColumnModel> source, IReadOnlyList<ColumnModel> target)
    {
        var existing = target.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var wanted in source)
        {
            if (!existing.TryGetValue(wanted.Name, out var current))
            {
                yield return new AddColumn(table, wanted);
                continue;
            }
            // Identity goes first and comes back last: it needs NOT NULL and excludes a default.
            if (current.Identity is not null && current.Identity != wanted.Identity)
                yield return new AlterColumnIdentity(table, wanted.Name, null);
            if (current.DataType != wanted.DataType)
                yield return new AlterColumnType(table, wanted.Name, current.DataType, wanted.DataType);
            if (current.Default != wanted.Default)
                yield return new AlterColumnDefault(table, wanted.Name, wanted.Default);
            if (current.IsNullable != wanted.IsNullable)
                yield return new AlterColumnNullability(table, wanted.Name, wanted.IsNullable);
            if (wanted.Identity is not null && current.Identity != wanted.Identity)
                yield return new AlterColumnIdentity(table, wanted.Name, wanted.Identity);
        }

        var kept = source.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in target.Where(c => !kept.Contains(c.Name)))
            yield return new DropColumn(table, extra.Name);
    }
}
