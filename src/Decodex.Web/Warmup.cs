using Decodex.Core.Knowledge;
using Decodex.Core.Monographs;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Storage;

namespace Decodex.Web;

/// <summary>
/// At start, builds the sample person's report and every monograph once, on the background lane, so
/// the first people to open a page do not wait for the JIT compiler and the knowledge base's lazy
/// indexes (about a second of CPU on the reference machine). Reads only the app's own sample files.
/// <c>Decodex:Warmup</c> = <c>false</c> turns it off. A failure is logged and changes nothing else.
/// </summary>
internal sealed partial class Warmup(KnowledgeBase knowledgeBase, PgxData pgx, ReportTargets targets, IConfiguration config, ILogger<Warmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Decodex:Warmup", true))
        {
            return;
        }

        try
        {
            await BackgroundCpu.Shared.RunAsync(Run, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // Warming up is an optimisation: the app serves pages the same without it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failed(log, e.GetType().Name);
        }
    }

    private bool Run()
    {
        _ = targets.Genome;
        _ = targets.Read;
        var (profile, _) = ProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "samples", "profile.yaml"), knowledgeBase);
        if (profile is not null)
        {
            _ = ReportHtml.Render(ReportEngine.Build(knowledgeBase, pgx, ReportInputs.Load(profile, knowledgeBase, pgx), []));
        }

        foreach (var compound in knowledgeBase.Curated)
        {
            _ = MonographHtmlRenderer.Render(MonographDocument.Create(knowledgeBase, compound));
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up stopped early ({Error}); pages are served the same, the first ones more slowly.")]
    private static partial void Failed(ILogger logger, string error);
}
