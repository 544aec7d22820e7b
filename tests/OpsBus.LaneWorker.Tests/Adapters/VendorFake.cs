using Microsoft.AspNetCore.Routing;
using OpsBus.Testing;

namespace OpsBus.LaneWorker.Tests.Adapters;

/// <summary>
/// A vendor's API on a <see cref="FakeHttpServer"/> (which records the calls and injects faults), and the settings an
/// <see cref="AdapterRig"/> needs to call it.
/// </summary>
internal abstract class VendorFake : IAsyncDisposable
{
    /// <summary>The credential the rig configures by default; faults echo it, so specs can prove it is masked.</summary>
    public const string Token = "tok_S3cret-0f-the-vendor";

    public FakeHttpServer Server { get; private set; } = null!;

    /// <summary>The vendor's configuration section name, e.g. <c>Vercel</c>.</summary>
    public abstract string Vendor { get; }

    /// <summary>The vendor settings the fake's data needs (team, project…), beyond the base URL and token.</summary>
    public virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>The vendor actions pointed at this fake; a null <paramref name="token"/> leaves them unconfigured.</summary>
    public AdapterRig Rig(string? token = Token, IReadOnlyDictionary<string, string?>? settings = null) =>
        AdapterRig.For(Vendor, Server.BaseAddress, token, settings is null ? Settings : Settings.Concat(settings).ToDictionary());

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    protected static async Task<TFake> Start<TFake>(TFake fake)
        where TFake : VendorFake
    {
        fake.Server = await FakeHttpServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>Maps the vendor's endpoints.</summary>
    protected abstract void Map(IEndpointRouteBuilder app);
}
