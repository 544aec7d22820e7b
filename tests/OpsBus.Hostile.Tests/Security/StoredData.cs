using System.Text;
using Microsoft.Data.Sqlite;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>What a process left on disk, read two ways: every row of every table of every SQLite database, each column
/// as text, and the raw bytes of every file (write-ahead logs, free pages, artifact content, keys).</summary>
internal static class StoredData
{
    public static async Task<IReadOnlyList<string>> EveryRowAsync(string folder)
    {
        var rows = new List<string>();
        foreach (var database in Directory.EnumerateFiles(folder, "*.db", SearchOption.AllDirectories))
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var names = await list.ExecuteReaderAsync();
                while (await names.ReadAsync())
                    tables.Add(names.GetString(0));
            }
            Assert.NotEmpty(tables);
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var columns = Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={AsText(reader.GetValue(i))}");
                    rows.Add($"{Path.GetFileName(database)} {table}: {string.Join(" | ", columns)}");
                }
            }
        }
        return rows;
    }

    public static IReadOnlyList<(string File, string Text)> EveryFile(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(path => (path, ReadShared(path))).ToList();

    private static string AsText(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
