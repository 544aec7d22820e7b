namespace OpsBus.LaneWorker.Schema;

/// <summary>One statement of the migration that makes a target schema match a source schema.</summary>
public abstract record SchemaChange(string Table);

public sealed record CreateTable(TableModel Definition) : SchemaChange(Definition.Name);

public sealed record DropTable(string Table) : SchemaChange(Table);

public sealed record AddColumn(string Table, ColumnModel Column) : SchemaChange(Table);

public sealed record DropColumn(string Table, string Column) : SchemaChange(Table);

public sealed record AlterColumnType(string Table, string Column, string From, string To) : SchemaChange(Table);

/// <summary>Sets the default, or drops it when <paramref name="Default"/> is null.</summary>
public sealed record AlterColumnDefault(string Table, string Column, string? Default) : SchemaChange(Table);

public sealed record AlterColumnNullability(string Table, string Column, bool IsNullable) : SchemaChange(Table);

/// <summary>Adds an identity (<c>ALWAYS</c>/<c>BY DEFAULT</c>), or drops it when <paramref name="Identity"/> is null.</summary>
public sealed record AlterColumnIdentity(string Table, string Column, string? Identity) : SchemaChange(Table);

public sealed record CreateIndex(string Table, IndexModel Index) : SchemaChange(Table);

public sealed record DropIndex(string Table, IndexModel Index) : SchemaChange(Table);
