using Decodex.Core.Community;

namespace Decodex.Core.Tests.Community;

/// <summary>The review queue, flags, moderators' decisions, who sees what, roles, and the audit log.</summary>
public sealed class ModerationTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(PostKind.Report, TrustLevel.New, PostState.Pending, "queued")]
    [InlineData(PostKind.Report, TrustLevel.Member, PostState.Published, "published")]
    [InlineData(PostKind.Comment, TrustLevel.New, PostState.Published, "published")]
    public void NewReports_WaitForAModerator(PostKind kind, TrustLevel level, PostState state, string action)
    {
        var (post, entry) = Moderation.Create(Guid.NewGuid(), "ann", kind, level, Now);
        Assert.Equal(state, post.State);
        Assert.Equal(action, entry.Action);
        Assert.Equal(Moderation.System, entry.Actor);
    }

    [Fact]
    public void Flags_ThreeMembersOrOneTrustedAccountHideAPost()
    {
        var post = Moderation.Create(Guid.NewGuid(), "ann", PostKind.Comment, TrustLevel.Member, Now).Post;
        post = Moderation.Flag(post, "bob", TrustLevel.Member, "selling", Now).Post;
        post = Moderation.Flag(post, "cat", TrustLevel.Member, "spam", Now).Post;
        Assert.Equal(PostState.Published, post.State);
        var (hidden, entries) = Moderation.Flag(post, "dan", TrustLevel.Member, "selling", Now);
        Assert.Equal(PostState.Hidden, hidden.State);
        Assert.Equal(["flagged", "hidden-by-flags"], entries.Select(e => e.Action));

        var other = Moderation.Create(Guid.NewGuid(), "ann", PostKind.Answer, TrustLevel.Member, Now).Post;
        Assert.Equal(PostState.Hidden, Moderation.Flag(other, "eve", TrustLevel.Trusted, "dangerous-advice", Now).Post.State);

        // Not one's own post, not twice, not without a listed reason.
        Assert.Throws<ArgumentException>(() => Moderation.Flag(post, "ann", TrustLevel.Member, "spam", Now));
        Assert.Throws<ArgumentException>(() => Moderation.Flag(post, "bob", TrustLevel.Member, "spam", Now));
        Assert.Throws<ArgumentException>(() => Moderation.Flag(post, "fay", TrustLevel.Member, "<script>", Now));
    }

    [Fact]
    public void Decisions_OnlyByModeratorsNeverOnTheirOwnPosts_FlagsSettled()
    {
        var post = Moderation.Create(Guid.NewGuid(), "ann", PostKind.Report, TrustLevel.Member, Now).Post;
        post = Moderation.Flag(post, "bob", TrustLevel.Member, "selling", Now).Post;

        Assert.Throws<UnauthorizedAccessException>(() => Moderation.Decide(post, "bob", CommunityRole.Member, ModerationDecision.Remove, null, Now));
        Assert.Throws<UnauthorizedAccessException>(() => Moderation.Decide(post, "ann", CommunityRole.Moderator, ModerationDecision.Approve, null, Now));

        var (approved, entry) = Moderation.Decide(post, "mod", CommunityRole.Moderator, ModerationDecision.Approve, "Source link, not a sale.", Now);
        Assert.Equal(PostState.Published, approved.State);
        Assert.All(approved.Flags, f => Assert.False(f.Upheld));
        Assert.Equal(("mod", "approve", "Source link, not a sale."), (entry.Actor, entry.Action, entry.Note));

        var (removed, removal) = Moderation.Decide(Moderation.Flag(approved, "cat", TrustLevel.Member, "selling", Now).Post, "own", CommunityRole.Owner, ModerationDecision.Remove, new string('x', 900), Now);
        Assert.Equal(PostState.Removed, removed.State);
        Assert.True(removed.Flags[^1].Upheld);
        Assert.False(removed.Flags[0].Upheld); // settled earlier, not reopened
        Assert.Equal(500, removal.Note!.Length);

        var (hidden, _) = Moderation.Decide(approved, "mod", CommunityRole.Moderator, ModerationDecision.Hide, null, Now);
        Assert.Equal(PostState.Hidden, hidden.State);
    }

    [Theory]
    [InlineData(PostState.Published, "zed", CommunityRole.Member, true)]
    [InlineData(PostState.Pending, "zed", CommunityRole.Member, false)]
    [InlineData(PostState.Pending, "ann", CommunityRole.Member, true)] // the author sees their own pending report
    [InlineData(PostState.Pending, "mod", CommunityRole.Moderator, true)]
    [InlineData(PostState.Hidden, null, CommunityRole.Member, false)] // signed out
    [InlineData(PostState.Removed, "ann", CommunityRole.Member, false)]
    [InlineData(PostState.Removed, "mod", CommunityRole.Moderator, true)]
    public void Visibility(PostState state, string? viewer, CommunityRole role, bool visible) =>
        Assert.Equal(visible, Moderation.Visible(new PostStatus(Guid.NewGuid(), "ann", PostKind.Report, state, []), viewer, role));

    [Fact]
    public void Roles_OnlyTheOwnerAppointsModerators()
    {
        var (role, entry) = Moderation.SetRole("own", CommunityRole.Owner, "mod", CommunityRole.Member, moderator: true, Now);
        Assert.Equal(CommunityRole.Moderator, role);
        Assert.Equal(("appointed-moderator", "mod"), (entry.Action, entry.Note));
        Assert.Equal(CommunityRole.Member, Moderation.SetRole("own", CommunityRole.Owner, "mod", CommunityRole.Moderator, moderator: false, Now).Role);
        Assert.Throws<UnauthorizedAccessException>(() => Moderation.SetRole("mod", CommunityRole.Moderator, "bob", CommunityRole.Member, true, Now));
        Assert.Throws<UnauthorizedAccessException>(() => Moderation.SetRole("own", CommunityRole.Owner, "own", CommunityRole.Owner, false, Now));
    }
}
