using Microsoft.Data.Sqlite;

namespace OpsBus.Gateway.Tests.Infrastructure;

/// <summary>A temporary <c>OPSBUS_DATA_DIR</c>: the SQLite files of one test's host.</summary>
public sealed class DataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("opsbus-gateway-").FullName;

    public string GatewayDatabase => System.IO.Path.Combine(Path, "gateway.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
