using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PakAzBot.Tests.Feedback;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests: initdb into a temporary folder, started with pg_ctl on a free
/// loopback port (its Unix socket in that folder too), stopped and deleted at the end. PostgreSQL refuses to run as
/// root, so as root (CI) the cluster belongs to and runs as the user nobody, through runuser. Nothing is mocked.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Collection = "postgres";

    private readonly string? _bin;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pakazbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Exception? _failure;
    private int _port;

    public PostgresServer()
    {
        _bin = FindBin();
        if (_bin is null)
        {
            return;
        }

        try
        {
            Start();
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    /// <summary>Why PostgreSQL tests are skipped on this machine, or null when they run (always in CI).</summary>
    public static string? SkipReason { get; } =
        FindBin() is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): apt-get install postgresql to run these tests"
            : null;

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public string NewDatabase()
    {
        if (_bin is null)
        {
            // Reached only in CI (elsewhere the tests are skipped): there PostgreSQL must be there.
            throw new InvalidOperationException("PostgreSQL is required when CI=true, but initdb is neither on PATH nor in /usr/lib/postgresql/*/bin: .ci/run installs Debian's postgresql package");
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException($"the test PostgreSQL cluster did not start: {_failure.Message}", _failure);
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, Pooling = false }.ToString();

    private void Start()
    {
        Directory.CreateDirectory(_folder);
        var asNobody = Environment.IsPrivilegedProcess;
        if (asNobody)
        {
            Run("chown", ["nobody", _folder], asNobody: false);
        }

        var data = Path.Combine(_folder, "data");
        Run(Path.Combine(_bin!, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], asNobody);
        // A free port can be taken between the check and the start: try a few.
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            try
            {
                Run(Path.Combine(_bin!, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60", "-o",
                        $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"], asNobody);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public void Dispose()
    {
        if (_bin is not null && Directory.Exists(Path.Combine(_folder, "data")))
        {
            try
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], Environment.IsPrivilegedProcess);
            }
            catch (InvalidOperationException)
            {
                // Not running (it never started): nothing to stop.
            }
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The folder of initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/N/bin (Debian's).</summary>
    private static string? FindBin()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(folder, "initdb");
            if (File.Exists(initdb))
            {
                // Debian links /usr/local/bin/initdb and the like to the real folder, where pg_ctl's siblings are.
                var real = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                return Path.GetDirectoryName(real);
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string[] arguments, bool asNobody)
    {
        var start = new ProcessStartInfo(asNobody ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (asNobody)
        {
            foreach (var a in new[] { "-u", "nobody", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}

[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;

/// <summary>A test that needs PostgreSQL: skipped, with the reason, on a machine without it, except in CI, where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}
