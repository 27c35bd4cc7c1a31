using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Decodex.Core.Community;
using Decodex.Core.Knowledge;
using Decodex.Core.Trials;

namespace Decodex.Core.Tests.Community;

/// <summary>
/// Experience reports and the signed bundle that carries them between instances: the report checks, the
/// round trip, every kind of tampering refused, duplicates refused, and the grader kept blind to all of it.
/// </summary>
public sealed class CommunityBundleTests
{
    private static ExperienceReport Report(int rating = 7) => new()
    {
        CompoundId = "caffeine",
        Product = "Generic tablets",
        Dose = "100 mg",
        Route = Route.Oral,
        Frequency = "each morning",
        DurationDays = 30,
        GoalOutcomeId = "attention",
        Effects = [new("attention", FeltChange.Better), new("sleep-quality", FeltChange.Worse)],
        SideEffects = ["insomnia"],
        Rating = rating,
        Design = ReportDesign.Open,
        Conflict = ConflictOfInterest.None,
        Text = "Sharper mornings, worse nights.",
    };

    private static CommunityBundleContent Content() => new(CommunityBundle.Format, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero),
        [new("quiet-heron", Report(), new DateTimeOffset(2027, 1, 20, 0, 0, 0, TimeSpan.Zero)), new("quiet-heron", Report(4) with { Dose = "200 mg" }, new DateTimeOffset(2027, 1, 25, 0, 0, 0, TimeSpan.Zero))],
        [new("caffeine", "focus", OutcomeKind.Rating, true, 40, 0.8, 0.3, new string('a', 64))]);

    [Fact]
    public void Report_Checks()
    {
        var kb = ShippedKnowledge.Base;
        Assert.Empty(ExperienceReports.Problems(Report(), kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { CompoundId = "no-such" }, kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report(11), kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { Effects = [new("no-such-outcome", FeltChange.Better)] }, kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { SideEffects = ["<script>"] }, kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { Design = ReportDesign.RandomisedNOf1 }, kb)); // no trial linked
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { Conflict = ConflictOfInterest.SellsIt }, kb)); // not said what
        Assert.Empty(ExperienceReports.Problems(Report() with { Conflict = ConflictOfInterest.FreeProduct, ConflictNote = "The maker sent a free box." }, kb));
        Assert.NotEmpty(ExperienceReports.Problems(Report() with { Dose = new string('9', 61) }, kb));
        Assert.All(ExperienceReports.Problems(Report() with { Dose = "SECRET-DOSE-" + new string('9', 60) }, kb), p => Assert.DoesNotContain("SECRET", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Bundle_RoundTrip_AndDuplicatesRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = CommunityBundle.Sign(Content(), key);
        var (bundle, problem) = CommunityBundle.Verify(file);
        Assert.Null(problem);
        Assert.Equal(Content().Reports.Select(CommunityBundle.ItemId), bundle!.Content.Reports.Select(CommunityBundle.ItemId));
        Assert.Equal(Content().Trials.Select(CommunityBundle.ItemId), bundle.Content.Trials.Select(CommunityBundle.ItemId));
        Assert.Equal(16, bundle.KeyFingerprint.Length);

        // Nothing of an account or a profile travels: the pseudonym, the report and the trial summary only.
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(file)!["payload"]!.GetValue<string>()));
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);

        var first = CommunityBundle.NewItems(bundle, new HashSet<string>());
        Assert.Equal((2, 1, 0), (first.Reports.Count, first.Trials.Count, first.Duplicates));
        var held = first.Reports.Select(CommunityBundle.ItemId).Concat(first.Trials.Select(CommunityBundle.ItemId)).ToHashSet();
        var again = CommunityBundle.NewItems(CommunityBundle.Verify(file).Bundle!, held);
        Assert.Equal((0, 0, 3), (again.Reports.Count, again.Trials.Count, again.Duplicates));
    }

    [Fact]
    public void Bundle_Tampered_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = JsonNode.Parse(CommunityBundle.Sign(Content(), key))!;

        // A rating raised after signing.
        var changed = JsonNode.Parse(file.ToJsonString())!;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(changed["payload"]!.GetValue<string>())).Replace("\"rating\":7", "\"rating\":10", StringComparison.Ordinal);
        changed["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
        Assert.Contains("signature does not match", CommunityBundle.Verify(Encoding.UTF8.GetBytes(changed.ToJsonString())).Problem, StringComparison.Ordinal);

        // A signature bit flipped.
        var flipped = JsonNode.Parse(file.ToJsonString())!;
        var signature = Convert.FromBase64String(flipped["signature"]!.GetValue<string>());
        signature[5] ^= 1;
        flipped["signature"] = Convert.ToBase64String(signature);
        Assert.NotNull(CommunityBundle.Verify(Encoding.UTF8.GetBytes(flipped.ToJsonString())).Problem);

        // Another key put in place of the signer's.
        var swapped = JsonNode.Parse(file.ToJsonString())!;
        swapped["publicKey"] = Convert.ToBase64String(other.ExportSubjectPublicKeyInfo());
        Assert.NotNull(CommunityBundle.Verify(Encoding.UTF8.GetBytes(swapped.ToJsonString())).Problem);

        // Content signed as it is but with a null list or a missing dose: refused, not read into a null.
        foreach (var (from, to) in new[] { ("\"effects\":[", "\"effects\":null,\"x\":["), ("\"dose\":\"100 mg\",", string.Empty) })
        {
            var bare = Encoding.UTF8.GetString(Convert.FromBase64String(file["payload"]!.GetValue<string>()));
            Assert.Contains(from, bare, StringComparison.Ordinal);
            var resigned = JsonNode.Parse(file.ToJsonString())!;
            var bytes = Encoding.UTF8.GetBytes(bare.Replace(from, to, StringComparison.Ordinal));
            resigned["payload"] = Convert.ToBase64String(bytes);
            resigned["signature"] = Convert.ToBase64String(key.SignData(bytes, HashAlgorithmName.SHA256));
            Assert.Contains("cannot be read", CommunityBundle.Verify(Encoding.UTF8.GetBytes(resigned.ToJsonString())).Problem, StringComparison.Ordinal);
        }

        // A key of another size, garbage, a foreign format, an oversized file.
        using var large = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.NotNull(CommunityBundle.Verify(CommunityBundle.Sign(Content(), large)).Problem);
        Assert.NotNull(CommunityBundle.Verify("not json"u8).Problem);
        Assert.NotNull(CommunityBundle.Verify("""{"format":"other/1","publicKey":"AA==","payload":"AA==","signature":"AA=="}"""u8).Problem);
        Assert.NotNull(CommunityBundle.Verify("""{"format":"decodex-community/1","publicKey":"!!","payload":"AA==","signature":"AA=="}"""u8).Problem);
        Assert.NotNull(CommunityBundle.Verify(new byte[CommunityBundle.MaxBytes + 1]).Problem);
    }

    [Fact]
    public void SharedTrialSummary_IsInDayToDaySds_PositiveIsBetter()
    {
        var plan = new TrialPlan
        {
            Title = "Caffeine and focus",
            Intervention = new TrialCondition("caffeine 100 mg", "caffeine"),
            Comparator = new TrialCondition("placebo capsule"),
            Design = TrialDesign.AbPairs,
            PhaseDays = 7,
            Cycles = 4,
            StartDate = new DateOnly(2027, 1, 4),
            Outcomes = [new("focus", OutcomeKind.Rating), new("side-effects", OutcomeKind.Rating, LowerIsBetter: true)],
            PrimaryOutcome = "focus",
        };
        var random = new Random(4);
        var record = SelfExperiment.Start(plan, DateTimeOffset.UnixEpoch);
        foreach (var day in record.Schedule())
        {
            var a = day.Arm == TrialArm.A;
            record = record.Record(day.Date, "focus", 5 + (a ? 1 : 0) + random.NextDouble(), DateTimeOffset.UnixEpoch)
                .Record(day.Date, "side-effects", 2 + (a ? 1 : 0) + random.NextDouble(), DateTimeOffset.UnixEpoch);
        }

        record = record.Unblind(DateTimeOffset.UnixEpoch);
        var focus = SharedTrialSummary.From(record, "focus")!;
        var side = SharedTrialSummary.From(record, "side-effects")!;
        Assert.InRange(focus.Effect, 1, 10); // +1 on A against a day-to-day SD of about 0.3
        Assert.InRange(side.Effect, -10, -1); // more side effects on A is worse: negative
        Assert.True(focus.StandardError > 0);
        Assert.Equal(record.PlanSha256, focus.PlanSha256);
        Assert.Null(SharedTrialSummary.From(record, "no-such"));
    }

    /// <summary>The grader and the knowledge model cannot see community data: no type of theirs mentions one of the community's.</summary>
    [Fact]
    public void Grader_NeverReadsCommunityData()
    {
        var community = typeof(ExperienceReport).Assembly.GetTypes().Where(t => t.Namespace == "Decodex.Core.Community").ToHashSet();
        var knowledge = typeof(EvidenceGrader).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Decodex.Core.Knowledge", StringComparison.Ordinal) == true).ToList();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in knowledge)
        {
            var used = type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .SelectMany(Flatten);
            Assert.DoesNotContain(used, community.Contains);
        }

        static IEnumerable<Type> Flatten(Type t) => t.IsGenericType ? t.GetGenericArguments().SelectMany(Flatten).Append(t) : t.HasElementType ? Flatten(t.GetElementType()!).Append(t) : [t];
    }
}
