namespace OpsBus.LaneWorker.Schema;

/// <summary>The tables of one PostgreSQL schema, as <c>schema.diff</c> compares them.</summary>
public sealed record SchemaModel(IReadOnlyList<TableModel> Tables)
{
    public static SchemaModel Empty { get; } = new([]);
}

/// <summary>A table: its columns in their order, and its indexes (including those behind constraints).</summary>
public sealed record TableModel(string Name, IReadOnlyList<ColumnModel> Columns, IReadOnlyList<IndexModel> Indexes);

/// <summary>A column.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="DataType">The type as PostgreSQL writes it, with modifiers: <c>character varying(200)</c>.</param>
/// <param name="IsNullable">Whether NULL is allowed.</param>
/// <param name="Default">The default expression, e.g. <c>now()</c>, if any.</param>
/// <param name="Identity">For identity columns, <c>ALWAYS</c> or <c>BY DEFAULT</c>.</param>
public sealed record ColumnModel(string Name, string DataType, bool IsNullable, string? Default = null, string? Identity = null);

/// <summary>An index.</summary>
/// <param name="Name">The index's name.</param>
/// <param name="Definition">Its <c>CREATE INDEX</c> statement, as <c>pg_indexes.indexdef</c> gives it.</param>
/// <param name="Constraint">
/// When the index backs a primary key, unique or exclusion constraint, that constraint's definition
/// (<c>PRIMARY KEY (id)</c>): it is then created and dropped as the constraint, which shares the index's name.
/// </param>
public sealed record IndexModel(string Name, string Definition, string? Constraint = null);
