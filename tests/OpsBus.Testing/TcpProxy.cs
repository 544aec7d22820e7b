using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OpsBus.Testing;

/// <summary>
/// A TCP forwarder on 127.0.0.1 between one process and a server, to cut that process off: <see cref="Cut"/> drops every
/// connection it carries and closes new ones at once until the cut ends, while everything else still reaches the server.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private long _cutUntilTicks;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The address of <paramref name="server"/> with its port replaced by the proxy's.</summary>
    public Uri Through(Uri server) => new UriBuilder(server) { Port = Port }.Uri;

    /// <summary>Drops every connection now and refuses new ones for <paramref name="duration"/>.</summary>
    public void Cut(TimeSpan duration)
    {
        Interlocked.Exchange(ref _cutUntilTicks, (DateTime.UtcNow + duration).Ticks);
        foreach (var client in _pairs.Keys)
            Reset(client);
    }

    private bool IsCut => DateTime.UtcNow.Ticks < Interlocked.Read(ref _cutUntilTicks);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (IsCut)
            {
                client.Dispose();
                continue;
            }
            _ = CarryAsync(client);
        }
    }

    private async Task CarryAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }
        _pairs[client] = server;
        await Task.WhenAny(
            Pump(client.GetStream(), server.GetStream()),
            Pump(server.GetStream(), client.GetStream()));
        Reset(client);
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    /// <summary>Closes a carried connection with a reset, not a graceful close: what a dropped route looks like to both ends.</summary>
    private void Reset(TcpClient client)
    {
        if (!_pairs.TryRemove(client, out var server))
            return;
        foreach (var end in new[] { client, server })
        {
            end.Client.LingerState = new LingerOption(true, 0);
            end.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var client in _pairs.Keys)
            Reset(client);
        _stopping.Dispose();
    }
}
