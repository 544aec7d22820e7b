using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OpsBus.ServiceDefaults.Persistence;

/// <summary>The conventions every OpsBus database follows, on PostgreSQL and SQLite alike.</summary>
public static class ModelConventions
{
    /// <summary>
    /// snake_case column names everywhere, and every <see cref="DateTime"/> (nullable too) written as UTC and read back
    /// as UTC (SQLite forgets the kind). Call it last in <c>OnModelCreating</c>, so it sees every property; a property
    /// with its own converter keeps it.
    /// </summary>
    public static void UseSnakeCaseNamesAndUtcTimes(this ModelBuilder modelBuilder)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var nullableUtc = new ValueConverter<DateTime?, DateTime?>(
            v => v == null ? v : ToUtc(v.Value),
            v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.GetValueConverter() is not null)
                    continue;
                if (property.ClrType == typeof(DateTime))
                    property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?))
                    property.SetValueConverter(nullableUtc);
            }
        }
    }

    /// <summary><c>CreatedAt</c> → <c>created_at</c>, <c>HTTPStatus</c> → <c>http_status</c>, <c>Sha256</c> → <c>sha256</c>.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
