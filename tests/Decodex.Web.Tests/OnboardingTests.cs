using System.Net;
using System.Text.RegularExpressions;

namespace Decodex.Web.Tests;

/// <summary>Setting up after sign-up: the first account lands on /my/setup, one step a page, each skippable.</summary>
public sealed partial class OnboardingTests : IClassFixture<DecodexWebFactory>
{
    private const string Password = "correct-horse-battery-9";
    private readonly DecodexWebFactory _factory;

    public OnboardingTests(DecodexWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Register_FirstAccount_LandsOnSetupStepOne()
    {
        using var factory = new DecodexWebFactory();
        var session = new WebSession(factory);
        var register = await session.GetStringAsync("/account/register");

        var created = await session.PostFormAsync("/account/register", register, ("email", "first@example.org"), ("password", Password));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/my/setup/1", created.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_EmptyProfileNoUploads_LandsOnSetup_ThenDashboardOnceSomethingIsSaved()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "empty@example.org");
        var setup = await client.GetStringAsync("/my/setup/1", TestContext.Current.CancellationToken);
        (await client.PostAsync("/my/setup/1", WebFlowTests.Form(setup, ("sex", "female")), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var session = new WebSession(_factory);
        var signIn = await session.GetStringAsync("/account/sign-in");

        var again = await session.PostFormAsync("/account/sign-in", signIn, ("email", "empty@example.org"), ("password", Password));

        Assert.Equal("/my", again.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(1, "About you")]
    [InlineData(2, "Medicines and conditions")]
    [InlineData(3, "Your DNA file")]
    [InlineData(4, "Your lab results")]
    [InlineData(5, "Your report")]
    public async Task SetupStep_MarksCurrentStep_AndSkipsToTheNext(int step, string title)
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, $"step{step}@example.org");

        var page = await client.GetStringAsync($"/my/setup/{step}", TestContext.Current.CancellationToken);

        Assert.Contains($"Step {step} of 5", page, StringComparison.Ordinal);
        var current = CurrentStep().Matches(page);
        Assert.Single(current);
        Assert.Contains(title, current[0].Value, StringComparison.Ordinal);
        if (step < 5)
        {
            Assert.Contains($"<a href=\"/my/setup/{step + 1}\">Skip this step</a>", page, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Skip this step", page, StringComparison.Ordinal);
            Assert.Contains("href=\"/my/report\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Setup_ProfileSavedInSteps_ShowsOnDashboard()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "steps@example.org");
        var cancel = TestContext.Current.CancellationToken;
        var one = await client.GetStringAsync("/my/setup/1", cancel);
        var afterOne = await client.PostAsync("/my/setup/1", WebFlowTests.Form(one, ("sex", "male"), ("birthDate", "1958-04-12")), cancel);
        var two = await afterOne.Content.ReadAsStringAsync(cancel);
        var afterTwo = await client.PostAsync("/my/setup/2", WebFlowTests.Form(two, ("medications", "lithium"), ("addMedication", "Lexapro"), ("conditions", "epilepsy")), cancel);

        var dashboard = await client.GetStringAsync("/my", cancel);
        var profile = await client.GetStringAsync("/my/profile", cancel);

        Assert.EndsWith("/my/setup/2", afterOne.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith("/my/setup/3", afterTwo.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("1958-04-12", dashboard, StringComparison.Ordinal);
        Assert.Contains("lithium, Lexapro", dashboard, StringComparison.Ordinal);
        Assert.Contains("epilepsy", dashboard, StringComparison.Ordinal);
        Assert.Contains("Lexapro</textarea>", profile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilePage_Autocomplete_OffersBrandAndGenericMedicinesAndConditions()
    {
        var client = await WebFlowTests.PageSignedInAsync(_factory, "autocomplete@example.org");

        var page = await client.GetStringAsync("/my/profile", TestContext.Current.CancellationToken);
        var medicines = page[page.IndexOf("<datalist id=\"medicine-names\">", StringComparison.Ordinal)..];
        medicines = medicines[..medicines.IndexOf("</datalist>", StringComparison.Ordinal)];
        var conditions = page[page.IndexOf("<datalist id=\"condition-names\">", StringComparison.Ordinal)..];

        Assert.Contains("<option value=\"Lexapro\">", medicines, StringComparison.Ordinal);
        Assert.Contains("<option value=\"escitalopram\">", medicines, StringComparison.Ordinal);
        Assert.Contains("list=\"medicine-names\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Epilepsy\">", conditions, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("<li aria-current=\"step\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex CurrentStep();
}
