using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Decodex.Web.Tests;

/// <summary>What the browser tests share: where Chromium is, and the app on a real port.</summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The system's Chromium (or DECODEX_CHROMIUM); null when there is none.</summary>
    public static string? Chromium() => Array.Find(Candidates, File.Exists) ?? Environment.GetEnvironmentVariable("DECODEX_CHROMIUM");

    /// <summary>The app on Kestrel (a browser needs a real port), on its own data folder.</summary>
    public sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        public string Data { get; } = Directory.CreateTempSubdirectory("decodex-e2e-").FullName;

        /// <summary>Settings applied after the defaults, e.g. shorter browser tests.</summary>
        public Dictionary<string, string> Settings { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Decodex:DataDirectory", Data);
            builder.UseSetting("Decodex:SignInPerMinute", "1000");
            builder.UseSetting("Decodex:UploadsPerMinute", "1000");
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try
            {
                Directory.Delete(Data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
