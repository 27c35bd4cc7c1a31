namespace Decodex.Core.Knowledge;

public static partial class KnowledgeBaseLoader
{
    private enum RefKind
    {
        Compound,
        Claim,
        Citation,
        Condition,
        Outcome,
        Class,
        Marker,

        /// <summary>A generic drug name: a class member or a compound.</summary>
        Drug,
    }

    private sealed record Reference(RefKind Kind, string Id, string File, int Line, string What);

    private sealed class LoadState
    {
        public List<Issue> Issues { get; } = [];
        public Dictionary<string, Compound> Compounds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Citation> Citations { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Condition> Conditions { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Outcome> Outcomes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, DrugClass> Classes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Marker> Markers { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HealthVariant> HealthVariants { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, HealthCombination> HealthCombinations { get; } = new(StringComparer.Ordinal);
        public List<(HealthCombination Combination, YamlMap Map)> HealthCombinationRefs { get; } = [];
        public Dictionary<string, SourceLocation> Claims { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, SourceLocation> OtherIds { get; } = new(StringComparer.Ordinal);
        public List<Reference> References { get; } = [];

        public void Refer(RefKind kind, string? id, YamlMap at, string key, string what)
        {
            if (!string.IsNullOrEmpty(id))
            {
                References.Add(new Reference(kind, id, at.File, at.LineOf(key), what));
            }
        }

        public void ReferAll(RefKind kind, IEnumerable<string> ids, YamlMap at, string key, string what)
        {
            foreach (var id in ids)
            {
                Refer(kind, id, at, key, what);
            }
        }
    }

    private static string Id(YamlMap map, string kind)
    {
        var id = map.RequiredString("id");
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            map.ReportAt(KnowledgeIssueCodes.MalformedId, $"The {kind} id '{id}' must be lowercase kebab-case (letters, digits and single hyphens).", "id");
        }

        return id;
    }

    private static bool Register<T>(Dictionary<string, T> registry, string id, T value, YamlMap map, string kind, Func<T, SourceLocation> location)
    {
        if (id.Length == 0)
        {
            return false;
        }

        if (registry.TryGetValue(id, out var existing))
        {
            map.ReportAt(KnowledgeIssueCodes.DuplicateId, $"Duplicate {kind} id '{id}'; first declared at {location(existing)}.", "id");
            return false;
        }

        registry[id] = value;
        return true;
    }

    private static void RegisterOther(LoadState state, string kind, string id, YamlMap map)
    {
        if (id.Length == 0)
        {
            return;
        }

        var key = kind + ":" + id;
        if (state.OtherIds.TryGetValue(key, out var first))
        {
            map.ReportAt(KnowledgeIssueCodes.DuplicateId, $"Duplicate {kind} id '{id}'; first declared at {first}.", "id");
            return;
        }

        state.OtherIds[key] = map.Location;
    }

    private static void ReadVocabulary(YamlMap root, LoadState state)
    {
        foreach (var map in root.Maps("citations"))
        {
            ReadCitation(map, state);
        }

        foreach (var map in root.Maps("conditions"))
        {
            ReadCondition(map, state);
        }

        foreach (var map in root.Maps("outcomes"))
        {
            var outcome = new Outcome
            {
                Id = Id(map, "outcome"),
                Name = map.RequiredString("name"),
                Synonyms = map.Strings("synonyms"),
                Category = map.String("category"),
                Location = map.Location,
            };
            map.Finish();
            Register(state.Outcomes, outcome.Id, outcome, map, "outcome", o => o.Location);
        }

        foreach (var map in root.Maps("classes"))
        {
            ReadClass(map, state);
        }

        foreach (var map in root.Maps("markers"))
        {
            var marker = ReadMarker(map, state);
            Register(state.Markers, marker.Id, marker, map, "marker", m => m.Location);
        }

        ReadHealth(root, state);
        root.Finish();
    }

    private static decimal Required(YamlMap map, string key)
    {
        if (!map.Has(key))
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, $"'{key}' is required.", key);
        }

        return 0;
    }

    private static Marker ReadMarker(YamlMap map, LoadState state)
    {
        IReadOnlyList<string> Cited(YamlMap m, string what, bool required = true)
        {
            var ids = m.Strings("citations");
            if (required && ids.Count == 0)
            {
                m.ReportAt(KnowledgeIssueCodes.Structure, $"A marker {what} needs its source in 'citations'.", "citations");
            }

            state.ReferAll(RefKind.Citation, ids, m, "citations", $"marker {what} citation");
            return ids;
        }

        string UnitOf(YamlMap m)
        {
            var unit = m.RequiredString("unit");
            if (unit.Length > 0 && !Labs.LabUnit.TryParse(unit, out _))
            {
                m.ReportAt(KnowledgeIssueCodes.UnreadableUnit, $"'{unit}' is not a unit Decodex can read (write UCUM, e.g. mg/dL, umol/L, 10*3/uL).", "unit");
            }

            return unit;
        }

        MarkerLimit Limit(YamlMap m, string what, bool cited)
        {
            var limit = new MarkerLimit { Low = m.Decimal("low"), High = m.Decimal("high"), Unit = UnitOf(m), CitationIds = cited ? Cited(m, what) : [] };
            if (limit.Low is { } low && limit.High is { } high && low > high)
            {
                m.ReportAt(KnowledgeIssueCodes.Structure, $"The {what} has low above high.", "low");
            }

            m.Finish();
            return limit;
        }

        var conversions = new List<MarkerConversion>();
        foreach (var c in map.Maps("conversions"))
        {
            conversions.Add(new MarkerConversion(UnitOf(c), c.Decimal("factor") ?? Required(c, "factor"), Cited(c, "conversion")));
            c.Finish();
        }

        var ranges = new List<MarkerRange>();
        foreach (var r in map.Maps("ranges"))
        {
            var range = new MarkerRange
            {
                Sex = r.Term<MarkerSex>("sex") ?? MarkerSex.Any,
                AgeMin = r.Decimal("ageMin"),
                AgeMax = r.Decimal("ageMax"),
                Low = r.Decimal("low"),
                High = r.Decimal("high"),
                Unit = UnitOf(r),
                CitationIds = Cited(r, "range"),
            };
            if (range.Low is null && range.High is null)
            {
                r.ReportAt(KnowledgeIssueCodes.Structure, "A range needs 'low', 'high' or both.", "low");
            }
            else if (range.Low is { } low && range.High is { } high && low > high)
            {
                r.ReportAt(KnowledgeIssueCodes.Structure, "The range has low above high.", "low");
            }

            r.Finish();
            ranges.Add(range);
        }

        var thresholds = new List<MarkerThresholdSet>();
        foreach (var t in map.Maps("thresholds"))
        {
            var categories = new List<MarkerCategory>();
            foreach (var c in t.Maps("categories"))
            {
                categories.Add(new MarkerCategory { Label = c.RequiredString("label"), From = c.Decimal("from"), Above = c.Decimal("above"), Below = c.Decimal("below"), UpTo = c.Decimal("upTo") });
                c.Finish();
            }

            thresholds.Add(new MarkerThresholdSet { Id = Id(t, "threshold set"), Name = t.RequiredString("name"), Unit = UnitOf(t), Sex = t.Term<MarkerSex>("sex") ?? MarkerSex.Any, Pregnant = t.Has("pregnant") ? t.Bool("pregnant") : null, Categories = categories, CitationIds = Cited(t, "threshold set") });
            t.Finish();
        }

        var critical = map.Maps("critical").Select(c => Limit(c, "critical limit", cited: true)).ToList();
        var plausible = map.Map("plausible") is { } p ? Limit(p, "plausibility band", cited: false) : null;
        MarkerVariation? variation = null;
        if (map.Map("variation") is { } v)
        {
            variation = new MarkerVariation(v.Decimal("cvi") ?? Required(v, "cvi"), v.Decimal("cva") ?? Required(v, "cva"), Cited(v, "variation"));
            v.Finish();
        }

        var marker = new Marker
        {
            Id = Id(map, "marker"),
            Name = map.RequiredString("name"),
            Loinc = map.Strings("loinc"),
            Aliases = [.. map.Strings("aliases").Select(a => a.Trim().ToLowerInvariant())],
            Unit = UnitOf(map),
            Panel = map.String("panel"),
            Note = map.String("note"),
            Conversions = conversions,
            Ranges = ranges,
            Thresholds = thresholds,
            Critical = critical,
            Plausible = plausible,
            Variation = variation,
            Location = map.Location,
        };
        map.Finish();
        return marker;
    }

    private static void ReadCondition(YamlMap map, LoadState state)
    {
        var criteria = new List<ConditionCriterion>();
        foreach (var c in map.Maps("criteria"))
        {
            var op = c.RequiredString("operator") switch
            {
                "<" => ComparisonOperator.LessThan,
                "<=" => ComparisonOperator.LessThanOrEqual,
                ">" => ComparisonOperator.GreaterThan,
                ">=" => ComparisonOperator.GreaterThanOrEqual,
                "" => ComparisonOperator.LessThan,
                var other => Unknown(c, other),
            };
            var criterion = new ConditionCriterion
            {
                MarkerId = c.RequiredString("marker"),
                Operator = op,
                Value = c.Decimal("value") ?? Missing(c, "value"),
                Unit = c.RequiredString("unit"),
                SustainedDays = c.Int("sustainedDays"),
                CitationIds = c.Strings("citations"),
            };
            if (criterion.CitationIds.Count == 0)
            {
                c.ReportAt(KnowledgeIssueCodes.Structure, "A lab criterion needs its source in 'citations'.", "citations");
            }

            state.Refer(RefKind.Marker, criterion.MarkerId, c, "marker", "criterion marker");
            state.ReferAll(RefKind.Citation, criterion.CitationIds, c, "citations", "criterion citation");
            c.Finish();
            criteria.Add(criterion);
        }

        var condition = new Condition
        {
            Id = Id(map, "condition"),
            Name = map.RequiredString("name"),
            Synonyms = map.Strings("synonyms"),
            ParentId = map.String("parent"),
            Description = map.String("description"),
            Criteria = criteria,
            Location = map.Location,
        };
        state.Refer(RefKind.Condition, condition.ParentId, map, "parent", "parent condition");
        map.Finish();
        Register(state.Conditions, condition.Id, condition, map, "condition", c => c.Location);

        static ComparisonOperator Unknown(YamlMap c, string text)
        {
            c.ReportAt(KnowledgeIssueCodes.UnknownTerm, $"'{text}' is not a known operator; use <, <=, > or >=.", "operator");
            return ComparisonOperator.LessThan;
        }

        static decimal Missing(YamlMap c, string key)
        {
            if (!c.Has(key))
            {
                c.ReportAt(KnowledgeIssueCodes.Structure, $"'{key}' is required.", key);
            }

            return 0m;
        }
    }

    private static void ReadClass(YamlMap map, LoadState state)
    {
        var members = new List<ClassMember>();
        foreach (var m in map.Maps("members"))
        {
            var member = new ClassMember
            {
                Name = m.RequiredString("name"),
                Atc = m.String("atc"),
                CompoundId = m.String("compound"),
                Brands = m.Strings("brands"),
                BrandStatus = m.Term<VerificationStatus>("brandStatus"),
                Note = m.String("note"),
            };
            state.Refer(RefKind.Compound, member.CompoundId, m, "compound", "class member");
            m.Finish();
            members.Add(member);
        }

        var drugClass = new DrugClass
        {
            Id = Id(map, "class"),
            Name = map.RequiredString("name"),
            ParentId = map.String("parent"),
            Atc = map.String("atc"),
            Description = map.String("description"),
            Members = members,
            CitationIds = map.Strings("citations"),
            Location = map.Location,
        };
        state.Refer(RefKind.Class, drugClass.ParentId, map, "parent", "parent class");
        state.ReferAll(RefKind.Citation, drugClass.CitationIds, map, "citations", "class citation");
        map.Finish();
        Register(state.Classes, drugClass.Id, drugClass, map, "class", c => c.Location);
    }

    private static void ReadCitation(YamlMap map, LoadState state)
    {
        var id = Id(map, "citation");
        var verificationMap = map.Map("verification");
        Verification verification;
        if (verificationMap is null || !verificationMap.Has("status"))
        {
            map.ReportAt(KnowledgeIssueCodes.CitationWithoutVerification, $"Citation '{id}' has no verification status; say whether and where it was checked.", verificationMap is null ? "id" : "verification");
            verification = new Verification { Status = VerificationStatus.Unverified };
            verificationMap?.Accept("status");
        }
        else
        {
            verification = new Verification
            {
                Status = verificationMap.Term<VerificationStatus>("status") ?? VerificationStatus.Unverified,
                SeenAt = verificationMap.Strings("seenAt"),
                Checked = verificationMap.String("checked"),
                Note = verificationMap.String("note"),
            };
        }

        verificationMap?.Finish();
        var discrepancies = new List<Discrepancy>();
        foreach (var d in map.Maps("discrepancies"))
        {
            discrepancies.Add(new Discrepancy(d.RequiredString("claimedBy"), d.RequiredString("claim"), d.RequiredString("finding")));
            d.Finish();
        }

        var makerLinks = new List<MakerLink>();
        foreach (var l in map.Maps("makerLinks"))
        {
            var link = new MakerLink(l.RequiredTerm("kind", MakerLinkKind.Author), l.String("name"), l.RequiredString("organisation"), l.String("note"));
            if (link.Kind == MakerLinkKind.Author && link.Name is null)
            {
                l.ReportAt(KnowledgeIssueCodes.Structure, "A maker link of kind author names the author (name), exactly as in the author list.", "kind");
            }

            l.Finish();
            makerLinks.Add(link);
        }

        TrialRecord? trial = null;
        if (map.Map("trial") is { } t)
        {
            trial = new TrialRecord
            {
                CompoundId = t.RequiredString("compound"),
                ConditionId = t.String("condition"),
                OutcomeIds = t.Strings("outcomes"),
                Randomised = t.Int("randomised") ?? 0,
            };
            if (!t.Has("randomised"))
            {
                t.ReportAt(KnowledgeIssueCodes.Structure, "A trial record needs 'randomised' (how many people were randomised).", "compound");
            }

            state.Refer(RefKind.Compound, trial.CompoundId, t, "compound", "trial compound");
            state.Refer(RefKind.Condition, trial.ConditionId, t, "condition", "trial condition");
            foreach (var o in trial.OutcomeIds)
            {
                state.Refer(RefKind.Outcome, o, t, "outcomes", "trial outcome");
            }

            t.Finish();
        }

        var citation = new Citation
        {
            Id = id,
            Title = map.RequiredString("title"),
            Authors = map.Strings("authors"),
            Journal = map.String("journal"),
            Year = map.Int("year"),
            Volume = map.String("volume"),
            Pages = map.String("pages"),
            Pmid = map.String("pmid"),
            Doi = map.String("doi"),
            Pmcid = map.String("pmcid"),
            Registry = map.String("registry"),
            Url = map.String("url"),
            PublicationType = map.Term<PublicationType>("publicationType"),
            Verification = verification,
            Discrepancies = discrepancies,
            ConflictOfInterest = map.String("conflictOfInterest"),
            MakerLinks = makerLinks,
            Trial = trial,
            Location = map.Location,
        };

        foreach (var link in makerLinks.Where(l => l.Name is not null && !citation.Authors.Contains(l.Name, StringComparer.Ordinal)))
        {
            map.ReportAt(KnowledgeIssueCodes.SponsorContradiction, $"Citation '{id}': the maker-staff author '{link.Name}' is not in its author list; write the name exactly as listed.", "makerLinks");
        }

        if (citation.Pmid is { } pmid && !PmidPattern().IsMatch(pmid))
        {
            map.ReportAt(KnowledgeIssueCodes.MalformedPmid, $"Citation '{id}': a PMID is 1 to 9 digits.", "pmid");
        }

        if (citation.Doi is { } doi && !DoiPattern().IsMatch(doi))
        {
            map.ReportAt(KnowledgeIssueCodes.MalformedDoi, $"Citation '{id}': a DOI has the form 10.NNNN/suffix, without a resolver prefix.", "doi");
        }

        if (citation.Pmcid is { } pmcid && !PmcidPattern().IsMatch(pmcid))
        {
            map.ReportAt(KnowledgeIssueCodes.MalformedIdentifier, $"Citation '{id}': a PMCID has the form PMC followed by digits.", "pmcid");
        }

        if (citation.Registry is { } registry && !RegistryPattern().IsMatch(registry))
        {
            map.ReportAt(KnowledgeIssueCodes.MalformedIdentifier, $"Citation '{id}': '{registry}' is not a trial-registry id such as NCT00868283 or ISRCTN10702895.", "registry");
        }

        if (!citation.HasIdentifier && verification.Status is not (VerificationStatus.NotFound or VerificationStatus.Unverified))
        {
            map.ReportAt(KnowledgeIssueCodes.CitationWithoutIdentifier, $"Citation '{id}' was seen but carries no identifier: give a pmid, doi, pmcid, registry id or url.", "id");
        }

        // Only the label importer makes imported-label citations; a curated file that used it would let a
        // machine copy count as read evidence.
        if (verification.Status == VerificationStatus.ImportedLabel)
        {
            map.ReportAt(KnowledgeIssueCodes.UnknownTerm, $"Citation '{id}': the status imported-label is for the imported layer only; a curator who read the label writes verified-abstract.", "verification");
        }

        map.Finish();
        Register(state.Citations, id, citation, map, "citation", c => c.Location);
    }

    private static void ReadCompound(YamlMap map, string path, LoadState state)
    {
        var id = Id(map, "compound");
        var expected = Path.GetFileNameWithoutExtension(path);
        if (id.Length > 0 && !string.Equals(id, expected, StringComparison.Ordinal))
        {
            map.ReportAt(KnowledgeIssueCodes.FileNameMismatch, $"The compound id '{id}' differs from the file name '{expected}.yaml'.", "id", IssueSeverity.Warning);
        }

        var kind = map.RequiredTerm("kind", CompoundKind.Drug);
        var represents = map.String("represents");
        if (kind == CompoundKind.DrugClass && represents is null)
        {
            map.ReportAt(KnowledgeIssueCodes.ClassMonograph, "A drug-class monograph must name the class it describes in 'represents'.", "kind");
        }
        else if (kind != CompoundKind.DrugClass && represents is not null)
        {
            map.ReportAt(KnowledgeIssueCodes.ClassMonograph, "'represents' is only for kind drug-class.", "represents");
        }

        state.Refer(RefKind.Class, represents, map, "represents", "represented class");
        var classIds = map.Strings("classes");
        state.ReferAll(RefKind.Class, classIds, map, "classes", "compound class");

        foreach (var c in map.Maps("citations"))
        {
            ReadCitation(c, state);
        }

        var compound = new Compound
        {
            Id = id,
            Name = map.RequiredString("name"),
            Synonyms = map.Strings("synonyms"),
            Kind = kind,
            ClassIds = classIds,
            Represents = represents,
            Summary = map.RequiredString("summary"),
            Composition = map.String("composition"),
            Regulatory = map.Maps("regulatory").Select(r => ReadRegulatory(r, state)).ToArray(),
            Routes = map.Terms<Route>("routes"),
            ExternalIds = map.StringMap("externalIds"),
            Related = map.Maps("related").Select(r => ReadRelated(r, state)).ToArray(),
            Disclaimer = map.String("disclaimer"),
            Sections = map.StringMap("sections"),
            Claims = map.Maps("claims").Select(c => ReadClaim(c, id, state)).ToArray(),
            Safety = map.Maps("safety").Select(s => ReadSafety(s, id, state)).ToArray(),
            Interactions = map.Maps("interactions").Select(i => ReadInteraction(i, id, state)).ToArray(),
            Modifiers = map.Maps("modifiers").Select(m => ReadModifier(m, id, state)).ToArray(),
            Dosing = map.Maps("dosing").Select(d => ReadDose(d, state)).ToArray(),
            UserReports = map.Map("userReports") is { } reports ? ReadUserReports(reports, state) : null,
            Location = map.Location,
        };
        map.Finish();
        Register(state.Compounds, id, compound, map, "compound", c => c.Location);
    }

    private static RegulatoryStatus ReadRegulatory(YamlMap map, LoadState state)
    {
        var status = new RegulatoryStatus(map.RequiredString("region"), map.RequiredString("status"), map.Strings("citations"));
        state.ReferAll(RefKind.Citation, status.CitationIds, map, "citations", "regulatory citation");
        map.Finish();
        return status;
    }

    private static RelatedCompound ReadRelated(YamlMap map, LoadState state)
    {
        var related = new RelatedCompound(map.RequiredString("compound"), map.RequiredTerm("relation", CompoundRelation.Similar), map.String("note"));
        state.Refer(RefKind.Compound, related.CompoundId, map, "compound", "related compound");
        map.Finish();
        return related;
    }

    private static Claim ReadClaim(YamlMap map, string compoundId, LoadState state)
    {
        var id = Id(map, "claim");
        if (id.Length > 0 && !state.Claims.TryAdd(id, map.Location))
        {
            map.ReportAt(KnowledgeIssueCodes.DuplicateId, $"Duplicate claim id '{id}'; first declared at {state.Claims[id]}.", "id");
        }

        var population = new Population();
        if (map.Map("population") is { } p)
        {
            population = new Population
            {
                ConditionId = p.String("condition"),
                Description = p.String("description"),
                AgeBand = p.Term<AgeBand>("ageBand"),
                Setting = p.String("setting"),
            };
            state.Refer(RefKind.Condition, population.ConditionId, p, "condition", "population condition");
            p.Finish();
        }

        ClaimAssertion? assertion = null;
        if (map.Map("assertion") is { } a)
        {
            assertion = new ClaimAssertion(a.RequiredString("text"), a.RequiredTerm("status", AssertionStatus.NotFound), a.String("note"));
            a.Finish();
        }

        var scope = map.RequiredTerm("scope", EvidenceScope.Human);
        var claim = new Claim
        {
            Id = id,
            CompoundId = compoundId,
            Section = map.RequiredTerm("section", ClaimSection.Effect),
            Title = map.RequiredString("title"),
            Statement = map.RequiredString("statement"),
            Population = population,
            Intervention = map.String("intervention"),
            Comparator = map.String("comparator"),
            OutcomeId = map.RequiredString("outcome"),
            Direction = map.RequiredTerm("direction", EffectDirection.Benefit),
            Magnitude = map.String("magnitude"),
            Scope = scope,
            Assertion = assertion,
            Evidence = ReadEvidence(map, state, scope, "claim", id, modifier: false),
            Excluded = ReadExcluded(map, state),
            Location = map.Location,
        };
        state.Refer(RefKind.Outcome, claim.OutcomeId, map, "outcome", "claim outcome");
        map.Finish();
        return claim;
    }

    private static List<EvidenceExclusion> ReadExcluded(YamlMap owner, LoadState state)
    {
        var excluded = new List<EvidenceExclusion>();
        foreach (var x in owner.Maps("excluded"))
        {
            var exclusion = new EvidenceExclusion { CitationId = x.RequiredString("citation"), Reason = x.RequiredString("reason"), Location = x.Location };
            state.Refer(RefKind.Citation, exclusion.CitationId, x, "citation", "excluded citation");
            x.Finish();
            excluded.Add(exclusion);
        }

        return excluded;
    }

    private static List<EvidenceItem> ReadEvidence(YamlMap owner, LoadState state, EvidenceScope? scope, string kind, string id, bool modifier)
    {
        var maps = owner.Maps("evidence");
        if (maps.Count == 0)
        {
            owner.ReportAt(KnowledgeIssueCodes.NoEvidence, $"The {kind} '{id}' has no evidence; point it at a citation (one with status not-found if the study could not be found).", "id");
        }

        var items = new List<EvidenceItem>(maps.Count);
        foreach (var e in maps)
        {
            var item = new EvidenceItem
            {
                CitationId = e.RequiredString("citation"),
                Design = e.RequiredTerm("design", StudyDesign.ExpertOpinion),
                Species = e.RequiredTerm("species", Species.Human),
                NRandomised = e.Int("nRandomised"),
                NAnalysed = e.Int("nAnalysed"),
                Arms = e.String("arms"),
                Dose = e.String("dose"),
                Duration = e.String("duration"),
                Population = e.String("population"),
                Indirect = e.Bool("indirect"),
                SponsorLinked = e.Bool("sponsorLinked"),
                SponsorLinkedWritten = e.Has("sponsorLinked") ? e.Bool("sponsorLinked") : null,
                HeterogeneityWritten = e.Has("heterogeneity"),
                Pooled = ReadPooled(e),
                Strength = e.String("strength"),
                Effect = e.Map("effect") is { } effect ? ReadEffect(effect) : null,
                RiskOfBias = e.Term<RiskOfBias>("riskOfBias"),
                Heterogeneity = e.Bool("heterogeneity"),
                ReportedCertainty = e.Term<GradeLevel>("reportedCertainty"),
                Funding = e.String("funding"),
                Role = e.RequiredRawTerm("role", EvidenceRole.Supports),
                CarrierResponse = e.Term<CarrierResponse>("carrierResponse"),
                Note = e.String("note"),
                Location = e.Location,
            };
            state.Refer(RefKind.Citation, item.CitationId, e, "citation", "evidence citation");
            var preclinical = item.Design is StudyDesign.Animal or StudyDesign.InVitro || item.Species != Species.Human;
            if (scope == EvidenceScope.Human && preclinical)
            {
                e.ReportAt(KnowledgeIssueCodes.PreclinicalOnHumanScale, $"The {kind} '{id}' is about people, but this evidence is {TermText.Of(item.Design)} in {TermText.Of(item.Species)}: put it on a separate animal or in-vitro claim.", "design");
            }
            else if (scope is EvidenceScope.Animal or EvidenceScope.InVitro && !preclinical)
            {
                e.ReportAt(KnowledgeIssueCodes.HumanOnPreclinicalScale, $"The {kind} '{id}' is {TermText.Of(scope.Value)} evidence, but this item is a human study: put it on a human claim.", "design");
            }
            else if (scope == EvidenceScope.Animal && item.Design == StudyDesign.InVitro || scope == EvidenceScope.InVitro && item.Design == StudyDesign.Animal)
            {
                e.ReportAt(KnowledgeIssueCodes.HumanOnPreclinicalScale, $"The {kind} '{id}' is {TermText.Of(scope.Value)} evidence, but this item is {TermText.Of(item.Design)}: animal and in-vitro evidence are separate claims.", "design");
            }

            if (item.ReportedCertainty == GradeLevel.Insufficient)
            {
                e.ReportAt(KnowledgeIssueCodes.UnknownTerm, "reportedCertainty is one of high, moderate, low, very-low.", "reportedCertainty");
            }

            if (modifier && item.CarrierResponse is null)
            {
                e.ReportAt(KnowledgeIssueCodes.MissingCarrierResponse, $"Modifier '{id}': say how carriers responded (carrierResponse: better, worse or no-difference).", "citation");
            }

            e.Finish();
            items.Add(item);
        }

        return items;
    }

    private static List<PooledDesign> ReadPooled(YamlMap item)
    {
        var pooled = new List<PooledDesign>();
        foreach (var p in item.Maps("pooled"))
        {
            pooled.Add(new PooledDesign(p.RequiredTerm("design", StudyDesign.ExpertOpinion), p.Int("studies")));
            p.Finish();
        }

        return pooled;
    }

    private static EffectEstimate ReadEffect(YamlMap map)
    {
        var effect = new EffectEstimate(map.RequiredString("metric"), map.String("value"), map.String("interval"));
        map.Finish();
        return effect;
    }

    private static SafetyItem ReadSafety(YamlMap map, string compoundId, LoadState state)
    {
        var item = new SafetyItem
        {
            Id = Id(map, "safety item"),
            CompoundId = compoundId,
            Type = map.RequiredTerm("type", SafetyType.Precaution),
            ConditionId = map.String("condition"),
            StatedLevel = map.Term<SafetyLevel>("level"),
            LevelBasis = map.String("levelBasis"),
            Route = map.Term<Route>("route") ?? Route.Any,
            Statement = map.RequiredString("statement"),
            Frequency = map.String("frequency"),
            SourceType = map.RequiredTerm("sourceType", SourceType.Label),
            CitationIds = map.Strings("citations"),
            Location = map.Location,
        };
        if (map.Map("population") is { } population)
        {
            item = item with { MinAge = population.Int("minAge"), MaxAge = population.Int("maxAge") };
            if (item.MinAge is < 0 or > 130 || item.MaxAge is < 0 or > 130 || item.MinAge > item.MaxAge)
            {
                population.ReportAt(KnowledgeIssueCodes.SafetyPopulation, $"Safety item '{item.Id}' has ages outside 0–130 or a minAge above its maxAge.", population.Has("minAge") ? "minAge" : "maxAge");
            }

            if (item.MinAge is null && item.MaxAge is null)
            {
                population.ReportAt(KnowledgeIssueCodes.SafetyPopulation, $"Safety item '{item.Id}' has a population without minAge or maxAge.", "minAge");
            }

            population.Finish();
        }

        RegisterOther(state, "safety item", item.Id, map);
        if (item.Type == SafetyType.BoxedWarning && item.StatedLevel is null)
        {
            map.ReportAt(KnowledgeIssueCodes.SafetyLevel, $"Boxed warning '{item.Id}' must state its level (avoid, caution or info) as the label words it.", "type");
        }

        if (item.StatedLevel is { } stated && stated != SafetyItem.DefaultLevel(item.Type) && item.Type != SafetyType.BoxedWarning && item.LevelBasis is null)
        {
            map.ReportAt(KnowledgeIssueCodes.SafetyLevel, $"Safety item '{item.Id}' sets a level other than its type's; say why in levelBasis.", "level");
        }

        if (item.Type == SafetyType.Contraindication && item.ConditionId is null)
        {
            map.ReportAt(KnowledgeIssueCodes.ContraindicationWithoutCondition, $"Contraindication '{item.Id}' must name its condition from the conditions vocabulary.", "type");
        }

        if (item.CitationIds.Count == 0)
        {
            map.ReportAt(KnowledgeIssueCodes.NoEvidence, $"Safety item '{item.Id}' needs at least one citation.", "id");
        }

        state.Refer(RefKind.Condition, item.ConditionId, map, "condition", "safety condition");
        state.ReferAll(RefKind.Citation, item.CitationIds, map, "citations", "safety citation");
        map.Finish();
        return item;
    }

    private static Interaction ReadInteraction(YamlMap map, string compoundId, LoadState state)
    {
        var id = Id(map, "interaction");
        RegisterOther(state, "interaction", id, map);
        var target = new InteractionTarget(null, null);
        if (map.Map("with") is { } with)
        {
            target = new InteractionTarget(with.String("class"), with.String("compound"), with.String("drug")?.ToLowerInvariant());
            if (new[] { target.ClassId, target.CompoundId, target.Drug }.Count(t => t is not null) != 1)
            {
                with.Report(KnowledgeIssueCodes.Structure, "'with' must name exactly one of 'class', 'compound' or 'drug'.");
            }

            state.Refer(RefKind.Class, target.ClassId, with, "class", "interaction class");
            state.Refer(RefKind.Compound, target.CompoundId, with, "compound", "interaction compound");
            state.Refer(RefKind.Drug, target.Drug, with, "drug", "interaction drug");
            with.Finish();
        }
        else
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'with' is required: {class: ID}, {compound: ID} or {drug: generic name}.", "with");
        }

        var scope = map.RequiredTerm("scope", EvidenceScope.Label);
        var interaction = new Interaction
        {
            Id = id,
            CompoundId = compoundId,
            With = target,
            Mechanism = map.RequiredTerm("mechanism", InteractionMechanism.Unknown),
            Effect = map.RequiredString("effect"),
            Severity = map.RequiredTerm("severity", InteractionSeverity.Unrated),
            SeverityBasis = map.String("severityBasis"),
            StatedLevel = map.Term<SafetyLevel>("level"),
            LevelBasis = map.String("levelBasis"),
            Scope = scope,
            Action = map.String("action"),
            Evidence = ReadEvidence(map, state, scope == EvidenceScope.Label ? null : scope, "interaction", id, modifier: false),
            Location = map.Location,
        };
        if (interaction.StatedLevel is { } stated && stated != Interaction.DefaultLevel(interaction.Severity) && interaction.LevelBasis is null)
        {
            map.ReportAt(KnowledgeIssueCodes.SafetyLevel, $"Interaction '{id}' sets a level other than its severity's; say why in levelBasis.", "level");
        }

        if (interaction.Severity != InteractionSeverity.Unrated && interaction.SeverityBasis is null)
        {
            map.ReportAt(KnowledgeIssueCodes.SeverityWithoutBasis, $"Interaction '{id}': say the basis of the severity in 'severityBasis'.", "severity", IssueSeverity.Warning);
        }

        map.Finish();
        return interaction;
    }

    private static Modifier ReadModifier(YamlMap map, string compoundId, LoadState state)
    {
        var id = Id(map, "modifier");
        RegisterOther(state, "modifier", id, map);
        var factor = new ModifierFactor { Kind = ModifierKind.Genotype, Description = string.Empty };
        if (map.Map("factor") is { } f)
        {
            var variants = new List<VariantAllele>();
            foreach (var v in f.Maps("variants"))
            {
                variants.Add(new VariantAllele(v.RequiredString("rsid"), v.RequiredString("allele")));
                v.Finish();
            }

            factor = new ModifierFactor
            {
                Kind = f.RequiredTerm("kind", ModifierKind.Genotype),
                Gene = f.String("gene"),
                Haplotype = f.String("haplotype"),
                Variants = variants,
                Phenotype = f.String("phenotype"),
                Description = f.RequiredString("description"),
            };
            f.Finish();
        }
        else
        {
            map.ReportAt(KnowledgeIssueCodes.Structure, "'factor' is required.", "factor");
        }

        var modifier = new Modifier
        {
            Id = id,
            CompoundId = compoundId,
            ClaimId = map.String("claim"),
            Factor = factor,
            Effect = map.RequiredString("effect"),
            Level = map.String("level"),
            LevelScheme = map.String("levelScheme"),
            LevelCitationId = map.String("levelCitation"),
            Evidence = ReadEvidence(map, state, null, "modifier", id, modifier: true),
            Location = map.Location,
        };
        if (modifier.Level is { } level)
        {
            var known = modifier.LevelScheme switch
            {
                "pharmgkb" => level is "1A" or "1B" or "2A" or "2B" or "3" or "4",
                "cpic" => level is "A" or "B" or "C" or "D" or "A/B" or "B/C" or "C/D" or "B/C/D",
                _ => false,
            };
            if (modifier.LevelScheme is null || modifier.LevelCitationId is null)
            {
                map.ReportAt(KnowledgeIssueCodes.Structure, "A level is assigned by an outside body: give levelScheme (pharmgkb or cpic) and levelCitation.", "level");
            }
            else if (!known)
            {
                map.ReportAt(KnowledgeIssueCodes.UnknownTerm, $"'{level}' is not a {modifier.LevelScheme} level (pharmgkb: 1A, 1B, 2A, 2B, 3, 4; cpic: A, B, C, D, A/B, B/C, C/D).", "level");
            }
        }

        state.Refer(RefKind.Citation, modifier.LevelCitationId, map, "levelCitation", "level citation");

        state.Refer(RefKind.Claim, modifier.ClaimId, map, "claim", "modified claim");
        map.Finish();
        return modifier;
    }

    private static DoseRegimen ReadDose(YamlMap map, LoadState state)
    {
        var dose = new DoseRegimen
        {
            Indication = map.RequiredString("indication"),
            Dose = map.RequiredString("dose"),
            Route = map.Term<Route>("route"),
            Frequency = map.String("frequency"),
            Duration = map.String("duration"),
            SourceType = map.RequiredTerm("sourceType", SourceType.Label),
            Note = map.String("note"),
            CitationIds = map.Strings("citations"),
            Location = map.Location,
        };
        if (dose.Indication != "general")
        {
            state.Refer(RefKind.Condition, dose.Indication, map, "indication", "dose indication");
        }

        if (dose.CitationIds.Count == 0)
        {
            map.ReportAt(KnowledgeIssueCodes.NoEvidence, "A dose needs at least one citation.", "dose");
        }

        state.ReferAll(RefKind.Citation, dose.CitationIds, map, "citations", "dose citation");
        map.Finish();
        return dose;
    }

    private static UserReports ReadUserReports(YamlMap map, LoadState state)
    {
        CommunityRating? rating = null;
        if (map.Map("rating") is { } r)
        {
            rating = new CommunityRating(r.Int("votes") ?? 0, r.Decimal("average") ?? 0m, r.Int("scale") ?? 5);
            r.Finish();
        }

        var reports = new UserReports
        {
            CitationId = map.String("citation"),
            Rating = rating,
            Positive = map.Strings("positive"),
            Negative = map.Strings("negative"),
            Comments = map.Strings("comments"),
        };
        state.Refer(RefKind.Citation, reports.CitationId, map, "citation", "user-report source");
        map.Finish();
        return reports;
    }

    private static void CheckReferences(LoadState state, bool vocabulariesOnly)
    {
        foreach (var r in state.References)
        {
            if (vocabulariesOnly && r.Kind is RefKind.Compound or RefKind.Drug or RefKind.Citation)
            {
                // The compounds were not read: a class member's compound, and citations defined in compound
                // files, cannot be checked here (LoadDirectory checks them).
                continue;
            }

            var exists = r.Kind switch
            {
                RefKind.Compound => state.Compounds.ContainsKey(r.Id),
                RefKind.Claim => state.Claims.ContainsKey(r.Id),
                RefKind.Citation => state.Citations.ContainsKey(r.Id),
                RefKind.Condition => state.Conditions.ContainsKey(r.Id),
                RefKind.Outcome => state.Outcomes.ContainsKey(r.Id),
                RefKind.Class => state.Classes.ContainsKey(r.Id),
                RefKind.Drug => state.Compounds.ContainsKey(r.Id) || state.Classes.Values.Any(c => c.Members.Any(m => m.Name == r.Id)),
                _ => state.Markers.ContainsKey(r.Id),
            };
            if (!exists)
            {
                var kind = r.Kind.ToString().ToLowerInvariant();
                state.Issues.Add(new Issue(KnowledgeIssueCodes.DanglingReference, IssueSeverity.Error, $"The {r.What} '{r.Id}' is not a known {kind}.", r.File, r.Line));
            }
        }
    }

    private static void CheckParentCycles(LoadState state)
    {
        Check(state.Conditions.Values.Select(c => (c.Id, c.ParentId, c.Location)), "condition");
        Check(state.Classes.Values.Select(c => (c.Id, c.ParentId, c.Location)), "class");

        void Check(IEnumerable<(string Id, string? Parent, SourceLocation Location)> items, string kind)
        {
            var parents = items.ToDictionary(i => i.Id, i => i, StringComparer.Ordinal);
            foreach (var (id, _, location) in parents.Values)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal) { id };
                for (var p = parents[id].Parent; p is not null && parents.TryGetValue(p, out var next); p = next.Parent)
                {
                    if (!seen.Add(p))
                    {
                        state.Issues.Add(new Issue(KnowledgeIssueCodes.ParentCycle, IssueSeverity.Error, $"The {kind} '{id}' is its own ancestor through 'parent'.", location.File, location.Line));
                        break;
                    }
                }
            }
        }
    }
}
