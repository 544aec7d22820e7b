using System.Text;
using System.Text.RegularExpressions;

namespace OpsBus.LaneWorker.Schema;

/// <summary>Writes <see cref="SchemaChange"/>s as PostgreSQL statements, identifiers always quoted, and as one-line summaries.</summary>
public static partial class SchemaScript
{
    /// <summary>The migration script for <paramref name="schema"/>: one statement per change, in order.</summary>
    public static string Render(string schema, IReadOnlyList<SchemaChange> changes)
    {
        var script = new StringBuilder();
        foreach (var change in changes)
            script.Append(Statement(schema, change)).Append('\n');
        return script.ToString();
    }

    public static string Statement(string schema, SchemaChange change)
    {
        var table = Quote(schema) + "." + Quote(change.Table);
        string AlterTable(string action) => $"ALTER TABLE {table} {action};";
        string AlterColumn(string column, string action) => AlterTable($"ALTER COLUMN {Quote(column)} {action}");
        return change switch
        {
            CreateTable create => $"CREATE TABLE {table} (\n{string.Join(",\n", create.Definition.Columns.Select(c => "    " + ColumnDefinition(c)))}\n);",
            DropTable => $"DROP TABLE {table};",
            AddColumn add => AlterTable($"ADD COLUMN {ColumnDefinition(add.Column)}"),
            DropColumn drop => AlterTable($"DROP COLUMN {Quote(drop.Column)}"),
            AlterColumnType type => AlterColumn(type.Column, $"TYPE {type.To} USING {Quote(type.Column)}::{type.To}"),
            AlterColumnDefault { Default: null } d => AlterColumn(d.Column, "DROP DEFAULT"),
            AlterColumnDefault d => AlterColumn(d.Column, $"SET DEFAULT {d.Default}"),
            AlterColumnNullability n => AlterColumn(n.Column, $"{(n.IsNullable ? "DROP" : "SET")} NOT NULL"),
            AlterColumnIdentity { Identity: null } i => AlterColumn(i.Column, "DROP IDENTITY"),
            AlterColumnIdentity i => AlterColumn(i.Column, $"ADD GENERATED {i.Identity} AS IDENTITY"),
            CreateIndex { Index.Constraint: { } constraint } c => AlterTable($"ADD CONSTRAINT {Quote(c.Index.Name)} {constraint}"),
            CreateIndex c => c.Index.Definition.TrimEnd(';') + ";",
            DropIndex { Index.Constraint: not null } d => AlterTable($"DROP CONSTRAINT {Quote(d.Index.Name)}"),
            DropIndex d => $"DROP INDEX {Quote(schema)}.{Quote(d.Index.Name)};",
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown schema change"),
        };
    }

    /// <summary>What an operator reads in the run log for one change.</summary>
    public static string Describe(SchemaChange change) => change switch
    {
        CreateTable create => $"create table {create.Table} ({create.Definition.Columns.Count} columns)",
        DropTable => $"drop table {change.Table}",
        AddColumn add => $"add column {add.Table}.{add.Column.Name} {add.Column.DataType}",
        DropColumn drop => $"drop column {drop.Table}.{drop.Column}",
        AlterColumnType type => $"change type of {type.Table}.{type.Column}: {type.From} → {type.To}",
        AlterColumnDefault { Default: null } d => $"drop default of {d.Table}.{d.Column}",
        AlterColumnDefault d => $"set default of {d.Table}.{d.Column} to {d.Default}",
        AlterColumnNullability n => $"{(n.IsNullable ? "allow" : "forbid")} NULL in {n.Table}.{n.Column}",
        AlterColumnIdentity { Identity: null } i => $"drop identity of {i.Table}.{i.Column}",
        AlterColumnIdentity i => $"make {i.Table}.{i.Column} an identity ({i.Identity})",
        CreateIndex { Index.Constraint: { } constraint } c => $"add constraint {c.Index.Name} on {c.Table}: {constraint}",
        CreateIndex c => $"create index {c.Index.Name} on {c.Table}",
        DropIndex { Index.Constraint: not null } d => $"drop constraint {d.Index.Name} on {d.Table}",
        DropIndex d => $"drop index {d.Index.Name} on {d.Table}",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown schema change"),
    };

    /// <summary>An identifier in double quotes, inner quotes doubled: safe whatever the name.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string ColumnDefinition(ColumnModel column)
    {
        var definition = new StringBuilder(Quote(column.Name)).Append(' ');
        // A serial column's sequence does not exist yet where the column is created: serial creates it, as in the source.
        if (SerialType(column) is { } serial)
            return definition.Append(serial).Append(column.IsNullable ? "" : " NOT NULL").ToString();
        definition.Append(column.DataType);
        if (column.Identity is { } identity)
            definition.Append(" GENERATED ").Append(identity).Append(" AS IDENTITY");
        else if (column.Default is { } value)
            definition.Append(" DEFAULT ").Append(value);
        if (!column.IsNullable)
            definition.Append(" NOT NULL");
        return definition.ToString();
    }

    private static string? SerialType(ColumnModel column) =>
        column.Default is { } value && NextValOfOwnSequence().IsMatch(value)
            ? column.DataType switch
            {
                "smallint" => "smallserial",
                "integer" => "serial",
                "bigint" => "bigserial",
                _ => null,
            }
            : null;

    [GeneratedRegex(@"^nextval\('[^']+_seq""?'::regclass\)$")]
    private static partial Regex NextValOfOwnSequence();
}
