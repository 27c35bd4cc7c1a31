using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Decodex.Web.Tests;

/// <summary>What the browser tests share: where Chromium is, and the app on a real port.</summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The system's Chromium (or DECODEX_CHROMIUM); null when there is none.</summary>
    public static string? Chromium() => Array.Find(Candidates, File.Exists) ?? Environment.GetEnvironmentVariable("DECODEX_CHROMIUM");

    /// <summary>
    /// Clicks <paramref name="button"/> and waits until the page has navigated and loaded. Twice under heavy
    /// load (two test projects beside a browser on two cores) a click on a submit button was followed by no
    /// request at all for 120 s; so when no navigation request has left 15 s after a click, the form's fields are
    /// checked (an invalid field fails the test with the browser's message) and the click is made again, at most
    /// twice more. Once a request has left, it is never sent again: the wait is for its answer, up to
    /// <paramref name="patience"/> ms. Each repeated click is written to the test output.
    /// </summary>
    public static async Task SubmitAsync(IPage page, ILocator button, float patience = 120_000)
    {
        var requested = false;
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRequest(object? sender, IRequest request)
        {
            if (request.IsNavigationRequest && request.Frame == page.MainFrame)
            {
                requested = true;
            }
        }

        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        page.Request += OnRequest;
        page.FrameNavigated += OnNavigated;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await button.ClickAsync();
                if (await Task.WhenAny(navigated.Task, Task.Delay(15_000)) == navigated.Task)
                {
                    break;
                }

                if (requested)
                {
                    await navigated.Task.WaitAsync(TimeSpan.FromMilliseconds(patience));
                    break;
                }

                var invalid = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('form :invalid')].map(e => (e.name || e.id) + ': ' + e.validationMessage).join('; ')");
                if (invalid.Length > 0)
                {
                    throw new InvalidOperationException($"The form on {new Uri(page.Url).AbsolutePath} did not submit: {invalid}");
                }

                if (attempt == 3)
                {
                    throw new TimeoutException($"Three clicks on a submit button of {new Uri(page.Url).AbsolutePath} sent no request.");
                }

                TestContext.Current.SendDiagnosticMessage($"A click on a submit button of {new Uri(page.Url).AbsolutePath} sent no request in 15 s; clicking again.");
            }

            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = patience });
        }
        finally
        {
            page.Request -= OnRequest;
            page.FrameNavigated -= OnNavigated;
        }
    }

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
