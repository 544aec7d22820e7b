using System.Net;
using Microsoft.Data.Sqlite;
using OpsBus.Gateway.Tests.Infrastructure;

namespace OpsBus.Gateway.Tests;

public sealed class When_an_admin_manages_keys
{
    [Fact]
    public async Task Should_accept_the_bootstrap_admin_key()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Get, "/api/keys", EdgeFactory.AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = (await response.Json()).GetProperty("items").EnumerateArray().ToList();
        var bootstrap = Assert.Single(keys);
        Assert.Equal("admin", bootstrap.GetProperty("role").GetString());
        Assert.Equal("bootstrap", bootstrap.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task Should_ensure_the_bootstrap_key_once_across_restarts()
    {
        var data = new DataDirectory();
        var first = await GatewayApp.StartAsync(data: data);
        await first.StopAsync();
        await using var second = await GatewayApp.StartAsync(data: data);

        using var response = await second.Client.Send(HttpMethod.Get, "/api/keys", EdgeFactory.AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.Json()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Should_show_a_new_key_once_and_list_it_without_its_secret()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var created = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "alice", role = "operator" });
        using var listed = await gateway.Client.Send(HttpMethod.Get, "/api/keys", EdgeFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Json();
        Assert.Equal("alice", key.GetProperty("name").GetString());
        Assert.Equal("operator", key.GetProperty("role").GetString());
        Assert.StartsWith("opsbus_", key.GetProperty("key").GetString());
        Assert.True(key.TryGetProperty("createdAt", out _));

        var listing = await listed.Content.ReadAsStringAsync();
        Assert.Contains(key.GetProperty("id").GetString()!, listing);
        Assert.DoesNotContain(key.GetProperty("key").GetString()!, listing);
        var alice = (await listed.Json()).GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "alice");
        Assert.False(alice.TryGetProperty("key", out _));
        Assert.False(alice.TryGetProperty("hash", out _));
        Assert.Equal("admin", alice.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task Should_store_a_hash_and_never_the_key()
    {
        await using var gateway = await GatewayApp.StartAsync();
        var key = await gateway.Client.CreateKey(EdgeFactory.AdminKey, "alice", "operator");

        var stored = new List<(string Prefix, string Hash)>();
        await using (var connection = new SqliteConnection($"Data Source={gateway.Data.GatewayDatabase}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT prefix, hash FROM api_keys WHERE name = 'alice'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored.Add((reader.GetString(0), reader.GetString(1)));
        }

        var (prefix, hash) = Assert.Single(stored);
        Assert.StartsWith($"opsbus_{prefix}_", key);
        Assert.StartsWith("pbkdf2-sha256$", hash);
        var secret = key[$"opsbus_{prefix}_".Length..];
        Assert.DoesNotContain(secret, hash);
        Assert.DoesNotContain(key, hash);
    }

    [Fact]
    public async Task Should_refuse_an_unknown_role_or_a_bad_name_with_field_errors()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "bad name\n", role = "root" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Should_answer_404_for_revoking_an_unknown_key()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Delete, $"/api/keys/{Guid.NewGuid()}", EdgeFactory.AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class When_a_caller_who_is_not_an_admin_manages_keys
{
    [Theory]
    [InlineData("operator", "GET")]
    [InlineData("operator", "POST")]
    [InlineData("approver", "POST")]
    [InlineData("auditor", "GET")]
    public async Task Should_be_forbidden_with_a_problem(string role, string method)
    {
        await using var gateway = await GatewayApp.StartAsync();
        var key = await gateway.Client.CreateKey(EdgeFactory.AdminKey, "alice", role);

        using var response = await gateway.Client.Send(new HttpMethod(method), "/api/keys", key,
            method == "POST" ? new { name = "mallory", role = "admin" } : null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(403, (await response.Json()).GetProperty("status").GetInt32());
    }
}

public sealed class When_a_request_has_no_valid_key
{
    [Fact]
    public async Task Should_answer_401_with_a_problem_when_no_key_is_given()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Get, "/api/keys", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("opsbus_testadmin_this-is-not-the-secret-at-all")]
    [InlineData("opsbus_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    public async Task Should_answer_401_for_a_wrong_key(string wrongKey)
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var response = await gateway.Client.Send(HttpMethod.Get, "/api/keys", wrongKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_refuse_every_api_path_not_just_known_ones()
    {
        await using var gateway = await GatewayApp.StartAsync();

        using var api = await gateway.Client.Send(HttpMethod.Post, "/api/runs", key: null, new { });
        using var hub = await gateway.Client.Send(HttpMethod.Post, "/hubs/runs/negotiate", key: null);
        using var health = await gateway.Client.Send(HttpMethod.Get, "/health/live", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

public sealed class When_a_key_is_revoked
{
    [Fact]
    public async Task Should_stop_working_at_once_even_though_it_was_cached()
    {
        await using var gateway = await GatewayApp.StartAsync();
        using var created = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "carol", role = "admin" });
        var key = await created.Json();
        var carol = key.GetProperty("key").GetString();
        using var beforeRevoke = await gateway.Client.Send(HttpMethod.Get, "/api/keys", carol);

        using var revoke = await gateway.Client.Send(HttpMethod.Delete, $"/api/keys/{key.GetProperty("id").GetString()}", EdgeFactory.AdminKey);
        using var afterRevoke = await gateway.Client.Send(HttpMethod.Get, "/api/keys", carol);

        Assert.Equal(HttpStatusCode.OK, beforeRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Should_be_listed_with_the_time_it_was_revoked()
    {
        await using var gateway = await GatewayApp.StartAsync();
        using var created = await gateway.Client.Send(HttpMethod.Post, "/api/keys", EdgeFactory.AdminKey, new { name = "dave", role = "operator" });
        var id = (await created.Json()).GetProperty("id").GetString();

        using var revoke = await gateway.Client.Send(HttpMethod.Delete, $"/api/keys/{id}", EdgeFactory.AdminKey);
        using var listed = await gateway.Client.Send(HttpMethod.Get, "/api/keys", EdgeFactory.AdminKey);

        var dave = (await listed.Json()).GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, dave.GetProperty("revokedAt").ValueKind);
    }
}

public sealed class When_embedded_mode_starts_without_a_configured_admin_key
{
    [Fact]
    public async Task Should_print_a_working_admin_key_on_standard_output_and_never_log_it()
    {
        await using var gateway = await GatewayApp.StartAsync(new Dictionary<string, string?> { ["OPSBUS_BOOTSTRAP_ADMIN_KEY"] = "" });

        var banner = gateway.Banner.ToString();
        var key = banner.Split("admin key: ")[1].Trim();
        using var response = await gateway.Client.Send(HttpMethod.Get, "/api/keys", key);

        Assert.StartsWith("OpsBus is listening on ", banner);
        Assert.StartsWith("opsbus_", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(gateway.Logs.Lines, line => line.Contains(key));
    }

    [Fact]
    public async Task Should_replace_the_key_generated_at_the_previous_start()
    {
        var data = new DataDirectory();
        var noKey = new Dictionary<string, string?> { ["OPSBUS_BOOTSTRAP_ADMIN_KEY"] = "" };
        var first = await GatewayApp.StartAsync(noKey, data);
        var firstKey = first.Banner.ToString().Split("admin key: ")[1].Trim();
        await first.StopAsync();

        await using var second = await GatewayApp.StartAsync(noKey, data);
        var secondKey = second.Banner.ToString().Split("admin key: ")[1].Trim();
        using var withFirst = await second.Client.Send(HttpMethod.Get, "/api/keys", firstKey);
        using var withSecond = await second.Client.Send(HttpMethod.Get, "/api/keys", secondKey);

        Assert.NotEqual(firstKey, secondKey);
        Assert.Equal(HttpStatusCode.Unauthorized, withFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSecond.StatusCode);
    }
}
