using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Decodex.Web.Tests;

/// <summary>
/// The web app on its embedded SQLite database in a private temporary folder. Registration is open
/// here (the tests create many accounts); <see cref="Settings"/> overrides any setting before first use.
/// </summary>
public sealed class DecodexWebFactory : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("decodex-web-").FullName;

    /// <summary>The app's data folder (database and keys).</summary>
    public string DataDirectory => _data;

    /// <summary>The clock of self-experiments: the system's until a test sets it.</summary>
    public SettableTrialClock TrialClock { get; } = new();

    /// <summary>Settings applied over the defaults below, e.g. <c>Decodex:Registration</c>.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Decodex:DataDirectory", _data);
        builder.UseSetting("Decodex:SignInPerMinute", "1000");
        builder.UseSetting("Decodex:UploadsPerMinute", "1000");
        builder.UseSetting("Decodex:RequestsPerMinutePerAccount", "100000");
        builder.UseSetting("Decodex:RequestsPerMinutePerAddress", "100000");
        builder.UseSetting("Decodex:Registration", "open");
        builder.UseSetting("Decodex:Warmup", "false");
        builder.UseSetting("Decodex:Community:CheckHours", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services => services.AddSingleton<TrialClock>(TrialClock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>A trial clock a test moves from day to day.</summary>
public sealed class SettableTrialClock : TrialClock
{
    /// <summary>The time to report; null for the system's.</summary>
    public DateTimeOffset? At { get; set; }

    public override DateTimeOffset Now => At ?? base.Now;
}
