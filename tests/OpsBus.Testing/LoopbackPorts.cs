using System.Net;
using System.Net.Sockets;

namespace OpsBus.Testing;

/// <summary>
/// Hands out loopback TCP ports for servers a test starts in another process (a host, RabbitMQ, PostgreSQL).
/// Binding port 0 and releasing it is not enough there: the port is in the kernel's ephemeral range, so any outgoing
/// connection on the machine may take it before the child binds it. These ports come from 10000–19999, below the
/// ephemeral range (32768–60999) and apart from the 20000–32767 that <c>scripts/test.sh</c> uses for its own servers.
/// Each port is also reserved across processes by a lock file held until this process exits, so test assemblies
/// running side by side never hand out the same port.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 10_000;
    private const int Count = 10_000;

    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "opsbus-test-ports");
    private static readonly List<FileStream> Reservations = [];

    public static int Reserve()
    {
        Directory.CreateDirectory(LockDirectory);
        var start = Random.Shared.Next(Count);
        lock (Reservations)
        {
            for (var i = 0; i < Count; i++)
            {
                var port = First + (start + i) % Count;
                var reservation = TryLock(port);
                if (reservation is null)
                    continue;
                if (!IsBindable(port))
                {
                    reservation.Dispose();
                    continue;
                }
                Reservations.Add(reservation);
                return port;
            }
        }
        throw new InvalidOperationException($"no free loopback port in {First}–{First + Count - 1}");
    }

    private static FileStream? TryLock(int port)
    {
        try
        {
            // FileShare.None: a second process opening the same file fails until this one exits (or the OS reaps it).
            return new FileStream(Path.Combine(LockDirectory, port + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite,
                FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsBindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
