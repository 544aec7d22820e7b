using Npgsql;

namespace OpsBus.ServiceDefaults.Persistence;

public static class PostgresConnections
{
    /// <summary>
    /// For a service that runs many short statements on pooled connections: skips the session reset a pooled
    /// connection gets on every open (no OpsBus service changes session state), and lets Npgsql prepare the statements
    /// it sees most. Settings given explicitly in the connection string win.
    /// </summary>
    public static string TunedForShortStatements(string? connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "No Reset On Close"))
            builder.NoResetOnClose = true;
        if (!HasKey(connectionString, "Max Auto Prepare"))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;

        static bool HasKey(string? value, string key) =>
            value?.Contains(key, StringComparison.OrdinalIgnoreCase) == true || value?.Contains(key.Replace(" ", ""), StringComparison.OrdinalIgnoreCase) == true;
    }
}
