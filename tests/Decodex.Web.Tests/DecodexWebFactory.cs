using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Decodex.Web.Tests;

/// <summary>The web app on its embedded SQLite database in a private temporary folder.</summary>
public sealed class DecodexWebFactory : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("decodex-web-").FullName;

    /// <summary>The app's data folder (database and keys).</summary>
    public string DataDirectory => _data;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Decodex:DataDirectory", _data);
        builder.UseSetting("Decodex:SignInPerMinute", "1000");
        builder.UseSetting("Decodex:UploadsPerMinute", "1000");
        builder.UseEnvironment("Testing");
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
