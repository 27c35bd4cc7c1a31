using System.Globalization;
using Decodex.Core.Knowledge;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Decodex.Core.Labs;

/// <summary>
/// Reads lab Observations from a FHIR R4 Bundle or a single Observation with the Firely SDK. A file
/// that parses only in part (e.g. a narrative without <c>div</c>) keeps what was read, with an issue.
/// Only laboratory Observations with a quantity are results; the Patient gives sex and birth date.
/// </summary>
public static class LabFhirReader
{
    private const string IndividualSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex";

    private static readonly Lazy<BaseFhirJsonDeserializer> Deserializer = new(() => new BaseFhirJsonDeserializer(FhirModel.Inspector));

    /// <summary>Reads FHIR JSON text within the default <see cref="ReadLimits"/>.</summary>
    public static LabImportResult Read(string json, string file)
    {
        try
        {
            return ReadResource(json, file);
        }
        catch (Hl7.Fhir.Validation.CodedValidationException)
        {
            // The SDK keeps a value of the wrong shape (a string where a list belongs) and throws when
            // the property is read.
            return new LabImportResult { Refused = true, Issues = [new Issue(LabIssueCodes.UnreadableFile, IssueSeverity.Error, "The file is not FHIR R4 JSON Decodex can read.", file)] };
        }
    }

    private static LabImportResult ReadResource(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(System.Text.Encoding.UTF8.GetBytes(json), file, ReadLimits.Default);
    }

    /// <summary>
    /// Reads FHIR JSON from UTF-8 bytes. Anything the parser cannot read — malformed JSON, an empty
    /// property name, a value that is not a number or does not fit a decimal — refuses the file with
    /// LAB001 (never an exception); more laboratory results than <see cref="ReadLimits.MaxLabResults"/>
    /// refuse it with LAB018. The caller bounds the size (<see cref="LabImport"/> checks it first).
    /// </summary>
    public static LabImportResult Read(ReadOnlySpan<byte> utf8Json, string file, ReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        var issues = new List<Issue>();
        Resource? resource;
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(utf8Json, new System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
            if (!Deserializer.Value.TryDeserializeResource(ref reader, out resource, out var problems))
            {
                issues.Add(new Issue(LabIssueCodes.PartialFhir, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"The FHIR JSON parsed with {problems.Count()} problem(s) (e.g. a narrative without div); the readable part was kept."), file));
            }
        }
        catch (Exception ex) when (IsParseFailure(ex) || ex is IndexOutOfRangeException)
        {
            // An empty property name ("": 1) makes the SDK index out of its bounds. The SDK's message may quote the value it could not read, so only the code and a generic message leave here.
            return new LabImportResult { Refused = true, Issues = [new Issue(LabIssueCodes.UnreadableFile, IssueSeverity.Error, "The file is not FHIR R4 JSON Decodex can read (malformed JSON, an empty property name, or a value that is not a number Decodex can hold).", file)] };
        }

        var (format, resources) = resource switch
        {
            Bundle bundle => ("fhir-bundle", bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToList()),
            Observation observation => ("fhir-observation", new List<Resource> { observation }),
            _ => (null, new List<Resource>()),
        };
        if (format is null)
        {
            return new LabImportResult { Refused = true, Issues = [new Issue(LabIssueCodes.UnreadableFile, IssueSeverity.Error, "The FHIR resource is neither a Bundle nor an Observation.", file)] };
        }

        LabDemographics demographics;
        try
        {
            demographics = Demographics(resources.OfType<Patient>().FirstOrDefault(), issues, file);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            // The SDK keeps a value it could not parse and throws when it is read (e.g. a gender that is a number).
            issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Warning, "The Patient's gender or birth date could not be read as FHIR; sex- and age-specific ranges are not applied.", file));
            demographics = LabDemographics.Unknown;
        }

        var results = new List<LabResult>();
        var number = 0;
        foreach (var observation in resources.OfType<Observation>())
        {
            number++;
            try
            {
                Read(observation, results, issues);
            }
            catch (Exception ex) when (IsParseFailure(ex))
            {
                // Firely keeps what it could not parse (a value "abc", 1e400, a 400-digit number) and throws on access.
                issues.Add(new Issue(LabIssueCodes.BadValue, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"Observation number {number} in the file holds a field that is not valid FHIR (such as a value that is not a decimal number, or one too large to hold); correct the file."), file));
            }

            if (results.Count > limits.MaxLabResults)
            {
                return LabImport.TooMany(file, limits, null);
            }
        }

        return LabImport.Finish(format, results, demographics, issues);
    }

    private static void Read(Observation observation, List<LabResult> results, List<Issue> issues)
    {
        if (!IsLaboratory(observation))
        {
            return;
        }

        var source = $"Observation/{observation.Id}";
        if (observation.Value is not Quantity quantity || quantity.Value is null)
        {
            if (observation.Value is not null)
            {
                issues.Add(new Issue(LabIssueCodes.NotQuantitative, IssueSeverity.Info, "A coded or text result was skipped; only quantities are interpreted.", source));
            }

            return;
        }

        if (Date(observation) is not { } date)
        {
            issues.Add(new Issue(LabIssueCodes.BadDate, IssueSeverity.Error, "The Observation has no effective or issued date.", source));
            return;
        }

        var unit = quantity.System == "http://unitsofmeasure.org" && quantity.Code is { Length: > 0 } code ? code : quantity.Unit ?? quantity.Code;
        var range = observation.ReferenceRange.FirstOrDefault(r => r.Type is null || r.Type.Coding.Any(c => c.Code == "normal"));
        var loinc = observation.Code?.Coding.FirstOrDefault(c => c.System == "http://loinc.org")?.Code;
        results.Add(new LabResult
        {
            Date = date.Value,
            DateOnly = date.DateOnly,
            TestName = observation.Code?.Text ?? observation.Code?.Coding.FirstOrDefault()?.Display,
            Loinc = loinc is not null && LabText.IsLoinc(loinc) ? loinc : null,
            Value = new LabValue(quantity.Value.Value, Comparator(quantity.Comparator)),
            Unit = unit,
            RangeLow = SameUnit(range?.Low, unit),
            RangeHigh = SameUnit(range?.High, unit),
            Flag = observation.Interpretation.SelectMany(i => i.Coding).FirstOrDefault()?.Code,
            Source = source,
            Context = source,
        });
    }

    /// <summary>
    /// What the SDK and System.Text.Json throw on crafted input (found by the tests in LabFhirReaderTests);
    /// anything else is a bug and is left to surface.
    /// </summary>
    private static bool IsParseFailure(Exception ex) =>
        ex is Hl7.Fhir.Validation.CodedValidationException or DeserializationFailedException or FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException or OverflowException or InvalidCastException
            or NotSupportedException; // "resourceType": "Resource" (an abstract type the SDK cannot create)

    private static bool IsLaboratory(Observation observation) =>
        observation.Category.SelectMany(c => c.Coding).Any(c => string.Equals(c.Code, "laboratory", StringComparison.OrdinalIgnoreCase));

    private static (DateTimeOffset Value, bool DateOnly)? Date(Observation observation)
    {
        var text = observation.Effective switch
        {
            FhirDateTime dt => dt.Value,
            Period p => p.Start,
            Instant i => i.Value?.ToString("o", CultureInfo.InvariantCulture),
            _ => observation.Issued?.ToString("o", CultureInfo.InvariantCulture),
        };
        return LabText.TryParseDate(text, out var date, out var dateOnly) ? (date, dateOnly) : null;
    }

    private static decimal? SameUnit(Quantity? bound, string? unit)
    {
        if (bound?.Value is not { } value)
        {
            return null;
        }

        var boundUnit = bound.Code ?? bound.Unit;
        return boundUnit is null || unit is null || string.Equals(boundUnit, unit, StringComparison.Ordinal) ? value : null;
    }

    private static LabComparator Comparator(Quantity.QuantityComparator? comparator) => comparator switch
    {
        Quantity.QuantityComparator.LessThan => LabComparator.LessThan,
        Quantity.QuantityComparator.LessOrEqual => LabComparator.LessOrEqual,
        Quantity.QuantityComparator.GreaterThan => LabComparator.GreaterThan,
        Quantity.QuantityComparator.GreaterOrEqual => LabComparator.GreaterOrEqual,
        _ => LabComparator.Equal,
    };

    private static LabDemographics Demographics(Patient? patient, List<Issue> issues, string file)
    {
        if (patient is null)
        {
            return LabDemographics.Unknown;
        }

        MarkerSex? sex = patient.Gender switch
        {
            AdministrativeGender.Female => MarkerSex.Female,
            AdministrativeGender.Male => MarkerSex.Male,
            _ => null,
        };
        var individual = patient.GetExtension(IndividualSex)?.Value as Coding;
        MarkerSex? stated = individual?.Code switch
        {
            "248152002" => MarkerSex.Female,
            "248153007" => MarkerSex.Male,
            _ => null,
        };
        if (sex is not null && stated is not null && sex != stated)
        {
            issues.Add(new Issue(LabIssueCodes.MissingDemographics, IssueSeverity.Warning, "The Patient's gender and individual-sex extension disagree; sex-specific ranges are not applied.", file));
            sex = null;
        }
        else
        {
            sex ??= stated;
        }

        DateOnly? birth = System.DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : null;
        return new LabDemographics(sex, birth);
    }
}
