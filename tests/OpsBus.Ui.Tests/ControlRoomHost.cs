using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBus.Ui.Tests;

/// <summary>
/// The embedded system exactly as <c>dotnet run --project services/Gateway/OpsBus.Gateway.Host</c> composes it, control
/// room included, on a real Kestrel port (a browser needs one), with its own data folder and a known bootstrap admin key.
/// </summary>
public sealed class ControlRoomHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "opsbus_uiadmin_0123456789abcdefghijklmnopqrstuvw";

    private readonly string _data = Directory.CreateTempSubdirectory("opsbus-ui-").FullName;

    private ControlRoomHost()
    {
        UseKestrel();
    }

    public Uri Address { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public static ControlRoomHost Start()
    {
        var host = new ControlRoomHost();
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Address = new Uri(address);
        host.Api = new HttpClient { BaseAddress = host.Address };
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("OPSBUS_DATA_DIR", _data);
        builder.UseSetting("OPSBUS_BOOTSTRAP_ADMIN_KEY", AdminKey);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Creates an API key with the admin key and returns the key itself.</summary>
    public async Task<string> CreateKey(string name, string role)
    {
        using var response = await Send(HttpMethod.Post, "/api/keys", AdminKey, new { name, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task<JsonElement> Get(string path, string key)
    {
        using var response = await Send(HttpMethod.Get, path, key);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> Post(string path, string key, object body)
    {
        using var response = await Send(HttpMethod.Post, path, key, body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A PUT, with an <c>If-Match</c> version when given, as another client racing the browser would send it.</summary>
    public async Task<JsonElement> Put(string path, string key, object body, int? ifMatchVersion = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ifMatchVersion is { } version)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public override async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return Api.SendAsync(request);
    }
}
