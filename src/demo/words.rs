//! The demo generator's vocabulary: council names, goal titles, indicator stems with their
//! units and magnitudes, activity phrases and analysis sentences, worded like the samples.
//!
//! The twelve KF-mål slots each have a theme; nämndmål, indicators and activities under a
//! KF-mål are drawn from its theme, so the tree reads like a real plan.

/// The 14 district councils: slug and the name as the documents write it.
pub const COUNCILS: [(&str, &str); 14] = [
    ("rinkeby-kista", "Rinkeby-Kista stadsdelsnämnd"),
    ("spanga-tensta", "Spånga-Tensta stadsdelsnämnd"),
    ("hasselby-vallingby", "Hässelby-Vällingby stadsdelsnämnd"),
    ("bromma", "Bromma stadsdelsnämnd"),
    ("kungsholmen", "Kungsholmens stadsdelsnämnd"),
    ("norrmalm", "Norrmalms stadsdelsnämnd"),
    ("ostermalm", "Östermalms stadsdelsnämnd"),
    ("sodermalm", "Södermalms stadsdelsnämnd"),
    (
        "enskede-arsta-vantor",
        "Enskede-Årsta-Vantörs stadsdelsnämnd",
    ),
    ("skarpnack", "Skarpnäcks stadsdelsnämnd"),
    ("farsta", "Farsta stadsdelsnämnd"),
    ("alvsjo", "Älvsjö stadsdelsnämnd"),
    (
        "hagersten-liljeholmen",
        "Hägersten-Liljeholmens stadsdelsnämnd",
    ),
    ("skarholmen", "Skärholmens stadsdelsnämnd"),
];

/// Parts of each district (same order as [`COUNCILS`]), named in local activities.
pub const PLACES: [&[&str]; 14] = [
    &["Rinkeby", "Kista", "Husby", "Akalla"],
    &["Spånga", "Tensta", "Hjulsta", "Solhem"],
    &["Hässelby", "Vällingby", "Grimsta", "Råcksta"],
    &["Abrahamsberg", "Åkeshov", "Ulvsunda", "Blackeberg"],
    &["Fredhäll", "Stadshagen", "Kungsholmen", "Essingeöarna"],
    &["Vasastaden", "Norrmalm", "Hagastaden", "Sankt Eriksplan"],
    &["Gärdet", "Hjorthagen", "Östermalm", "Ropsten"],
    &["Hammarby sjöstad", "Skanstull", "Högalid", "Katarina"],
    &["Årsta", "Enskede", "Rågsved", "Högdalen", "Bandhagen"],
    &["Skarpnäck", "Bagarmossen", "Björkhagen", "Kärrtorp"],
    &["Farsta", "Hökarängen", "Sköndal", "Fagersjö"],
    &["Älvsjö", "Solberga", "Långbro", "Örby"],
    &["Liljeholmen", "Hägersten", "Fruängen", "Västberga"],
    &["Skärholmen", "Bredäng", "Sätra", "Vårberg"],
];

/// The three inriktningsmål of each KF budget period (2015–18, 2019–22, 2023–26).
pub const DIRECTION_GOALS: [[&str; 3]; 3] = [
    [
        "Ett Stockholm som håller samman",
        "Ett klimatsmart Stockholm",
        "Ett ekonomiskt och demokratiskt hållbart Stockholm",
    ],
    [
        "En modern storstad med möjligheter och valfrihet för alla",
        "En hållbart växande och dynamisk storstad med hög tillväxt",
        "En ekonomiskt hållbar och innovativ storstad för framtiden",
    ],
    [
        "Ett Stockholm som håller ihop och där alla får chansen att växa",
        "Ett klimatsmart och hållbart växande Stockholm",
        "Ett Stockholm med ordning och reda i ekonomin",
    ],
];

/// KF-mål per inriktningsmål: 5, 5 and 2, as in 2019–2022.
pub const AREA_GOALS_PER_DIRECTION: [usize; 3] = [5, 5, 2];

/// The twelve KF-mål of each budget period, slot by slot (slot `n` has theme `n`).
pub const AREA_GOALS: [[&str; 12]; 3] = [
    [
        "Stockholmarna har arbete och egen försörjning",
        "Alla barn får en bra start i livet i förskolan",
        "Stockholms äldre upplever ett gott och värdigt liv",
        "Personer med funktionsnedsättning har samma möjligheter som andra",
        "Stockholm är en trygg stad",
        "Barn och unga som far illa får stöd i tid",
        "Stockholm motverkar hemlöshet och missbruk",
        "Stockholm är en klimatsmart stad",
        "Stockholms parker och stadsmiljö är rena och tillgängliga",
        "Invånarna har inflytande och tillgång till kultur och fritid",
        "Stockholm har en stark och långsiktigt hållbar ekonomi",
        "Stockholms stad är en attraktiv arbetsgivare",
    ],
    [
        "I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort",
        "Stockholms förskolor är i toppklass",
        "I Stockholm har äldre en god, jämlik och individanpassad omsorg",
        "Stockholm är en stad där personer med funktionsnedsättning har ett självständigt liv",
        "Stockholm är en trygg stad att bo och vistas i",
        "I Stockholm får barn och unga det stöd de behöver för en trygg uppväxt",
        "Stockholm motverkar hemlöshet och ger stöd till personer med missbruk",
        "Stockholm är en klimatsmart stad med ren luft och rent vatten",
        "Stockholm är en ren, snygg och tillgänglig stad",
        "Stockholm är en demokratisk stad med ett rikt kultur- och fritidsutbud",
        "Stockholm har en budget i balans och en effektiv verksamhet",
        "Stockholms stad är en attraktiv arbetsgivare med engagerade medarbetare",
    ],
    [
        "Fler stockholmare går från bidrag till arbete",
        "Förskolan ger alla barn likvärdiga förutsättningar",
        "Äldre i Stockholm har trygghet, inflytande och en meningsfull vardag",
        "Stöd och service till personer med funktionsnedsättning håller hög kvalitet",
        "Stockholm är tryggt i alla stadsdelar",
        "Barn och unga i Stockholm växer upp under trygga förhållanden",
        "Ingen i Stockholm ska behöva leva i hemlöshet",
        "Stockholm har minskade klimatutsläpp och en giftfri miljö",
        "Stockholms parker och offentliga miljöer är välskötta och trygga",
        "Stockholmarna är delaktiga i stadens utveckling",
        "Stockholms ekonomi är långsiktigt hållbar",
        "Stockholms stad har medarbetare med rätt kompetens",
    ],
];

/// How an indicator's values look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Magnitude {
    /// `None` for indexes and ratios, which the documents print without a unit.
    pub unit: Option<&'static str>,
    pub low: f64,
    pub high: f64,
    pub decimals: u8,
    /// Counts accumulate over the year (T1 shows a third); shares and indexes do not.
    pub cumulative: bool,
}

const fn share(low: f64, high: f64) -> Magnitude {
    Magnitude {
        unit: Some("%"),
        low,
        high,
        decimals: 1,
        cumulative: false,
    }
}

const fn count(low: f64, high: f64) -> Magnitude {
    Magnitude {
        unit: Some("st"),
        low,
        high,
        decimals: 0,
        cumulative: true,
    }
}

const fn index(low: f64, high: f64, decimals: u8) -> Magnitude {
    Magnitude {
        unit: None,
        low,
        high,
        decimals,
        cumulative: false,
    }
}

const fn other(unit: &'static str, low: f64, high: f64, decimals: u8) -> Magnitude {
    Magnitude {
        unit: Some(unit),
        low,
        high,
        decimals,
        cumulative: false,
    }
}

/// How an indicator's name is formed.
#[derive(Debug, Clone, Copy)]
pub enum Naming {
    Fixed(&'static str),
    /// One indicator per fill: the template's `{}` replaced.
    Each(&'static str, &'static [&'static str]),
    /// A real drift (DOMAIN.md §10.3): the old name before `from`, the new one from it.
    Drift {
        old: &'static str,
        new: &'static str,
        from: u16,
    },
}

/// An indicator stem of a theme.
#[derive(Debug, Clone, Copy)]
pub struct Stem {
    pub naming: Naming,
    pub magnitude: Magnitude,
    /// Measured per person: the gender columns are filled.
    pub individual: bool,
    pub lower_is_better: bool,
}

const fn stem(naming: Naming, magnitude: Magnitude, individual: bool, lower: bool) -> Stem {
    Stem {
        naming,
        magnitude,
        individual,
        lower_is_better: lower,
    }
}

/// Everything drawn for one KF-mål slot.
#[derive(Debug)]
pub struct Theme {
    /// The area as a noun phrase for sentences: "arbetet med ekonomiskt bistånd".
    pub area: &'static str,
    pub committee_goals: &'static [&'static str],
    pub stems: &'static [Stem],
    /// Verb phrases for activities: "utveckla …", "genomföra …".
    pub actions: &'static [&'static str],
    /// Council assignments (KF-aktiviteter), worded as the Council words them.
    pub assignments: &'static [&'static str],
    /// Who in the district does the work: "Avdelningen för …".
    pub department: &'static str,
}

use Naming::{Drift, Each, Fixed};

pub const THEMES: [Theme; 12] = [
    Theme {
        area: "arbetet med ekonomiskt bistånd och arbetsmarknadsinsatser",
        committee_goals: &[
            "Vuxna försörjer sig själva",
            "Nyanlända etablerar sig på arbetsmarknad, bostadsmarknad och i samhällslivet",
            "Unga har en meningsfull sysselsättning under sommarlovet",
            "Fler kvinnor som står långt ifrån arbetsmarknaden når egen försörjning",
        ],
        stems: &[
            stem(
                Fixed("Andel barn som lever i familjer som har ekonomiskt bistånd"),
                share(0.3, 3.5),
                true,
                true,
            ),
            stem(
                Fixed("Andel personer som har ekonomiskt bistånd i förhållande till befolkningen"),
                share(0.4, 4.0),
                true,
                true,
            ),
            stem(
                Fixed(
                    "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare",
                ),
                share(0.2, 2.5),
                true,
                true,
            ),
            stem(
                Fixed("Antal aspiranter som fått Stockholmsjobb"),
                count(10.0, 120.0),
                true,
                false,
            ),
            stem(
                Fixed("Antal ungdomar som fått feriejobb i stadens regi"),
                count(300.0, 1400.0),
                true,
                false,
            ),
            stem(
                Each(
                    "Antal tillhandahållna platser för {}",
                    &["feriejobb", "Stockholmsjobb", "praktik inom äldreomsorgen"],
                ),
                count(20.0, 700.0),
                false,
                false,
            ),
            stem(
                Fixed("Andel män och kvinnor i arbetsträning som blir självförsörjande"),
                share(15.0, 45.0),
                true,
                false,
            ),
        ],
        actions: &[
            "utveckla digitala stöd för personer som söker ekonomiskt bistånd",
            "erbjuda samhällsvägledning till nyanlända inom en månad",
            "genomföra rekryteringsträffar tillsammans med näringslivet",
            "utveckla förstärkt bostadsvägledning för nyanlända",
            "öka möjligheterna för kvinnor att arbetsträna",
            "erbjuda ungdomar feriejobb med tydliga arbetsuppgifter",
        ],
        assignments: &[
            "Arbetsmarknadsnämnden i samarbete med stadsdelsnämnderna ska utveckla ett arbetssätt för att nå nyanlända som inte ingår i etableringsprogrammet.",
            "Arbetsmarknadsnämnden ska i samarbete med kommunstyrelsen och stadsdelsnämnderna utveckla feriejobb och Stockholmsjobb med målet att fler kan bidra till stadens utbud av arbetsmarknadsinsatser.",
        ],
        department: "Avdelningen för individ- och familjeomsorg",
    },
    Theme {
        area: "förskoleverksamheten",
        committee_goals: &[
            "Förskolan ger alla barn en god start i livet",
            "Barn i förskolan utvecklas och lär sig i en trygg miljö",
            "Förskolans pedagogiska miljöer är likvärdiga",
            "Fler barn i socioekonomiskt utsatta områden går i förskola",
        ],
        stems: &[
            stem(
                Fixed("Antal barn per grupp"),
                other("barn/avd.", 12.0, 17.0, 1),
                false,
                true,
            ),
            stem(
                Fixed("Antal inskrivna förskolebarn per anställd"),
                index(4.2, 5.8, 1),
                false,
                true,
            ),
            stem(
                Fixed("Andel legitimerade förskollärare"),
                share(25.0, 55.0),
                false,
                false,
            ),
            stem(
                Each(
                    "Andel föräldrar som är nöjda med {} i förskolan",
                    &[
                        "verksamheten",
                        "barnets utveckling och lärande",
                        "arbetet med normer och värden",
                        "tryggheten",
                    ],
                ),
                share(75.0, 95.0),
                false,
                false,
            ),
            stem(
                Fixed("Kvalitetsindikatorn för förskolan"),
                index(3.2, 4.2, 1),
                false,
                false,
            ),
        ],
        actions: &[
            "arbeta med språkutveckling enligt stadens språkstrategi",
            "utveckla det systematiska kvalitetsarbetet i förskolan",
            "genomföra uppsökande verksamhet så att fler barn börjar i förskolan",
            "fortbilda barnskötare i digitala verktyg",
            "öka andelen legitimerade förskollärare",
        ],
        assignments: &[
            "Utbildningsnämnden ska i samarbete med stadsdelsnämnderna öka andelen barn som går i förskola.",
            "Stadsdelsnämnderna ska säkerställa en likvärdig förskola med hög kvalitet i hela staden.",
        ],
        department: "Avdelningen för förskola",
    },
    Theme {
        area: "äldreomsorgen",
        committee_goals: &[
            "Äldre har en trygg, meningsfull och självständig tillvaro",
            "Äldreomsorgen håller hög kvalitet och utgår från den enskildes behov",
            "Äldre upplever trygghet och delaktighet i hemtjänsten",
            "Fler äldre deltar i sociala aktiviteter",
        ],
        stems: &[
            stem(
                Each(
                    "Andel äldre som är nöjda med {}",
                    &[
                        "hemtjänsten",
                        "sitt särskilda boende",
                        "maten på sitt särskilda boende",
                        "bemötandet från personalen",
                        "möjligheten att påverka när de får hjälp",
                    ],
                ),
                share(70.0, 95.0),
                true,
                false,
            ),
            stem(
                Fixed(
                    "Antal olika personal som besöker en hemtjänsttagare under en 14-dagarsperiod",
                ),
                count(8.0, 18.0),
                false,
                true,
            ),
            stem(
                Fixed("Andel brukare med aktuell genomförandeplan inom äldreomsorgen"),
                share(70.0, 100.0),
                true,
                false,
            ),
            stem(
                Fixed("Andel äldre som känner sig trygga med hemtjänsten"),
                share(75.0, 95.0),
                true,
                false,
            ),
        ],
        actions: &[
            "utveckla äldreomsorgens arbete med måltider",
            "erbjuda sopplunch och sociala aktiviteter för äldre",
            "minska antalet olika personal i hemtjänsten",
            "införa digital tillsyn nattetid",
            "utveckla välfärdsteknik inom hemtjänsten",
        ],
        assignments: &[
            "Äldrenämnden ska i samarbete med stadsdelsnämnderna utveckla arbetet med välfärdsteknik inom äldreomsorgen.",
            "Stadsdelsnämnderna ska minska antalet olika personal som besöker en hemtjänsttagare.",
        ],
        department: "Avdelningen för äldreomsorg",
    },
    Theme {
        area: "stöd och service till personer med funktionsnedsättning",
        committee_goals: &[
            "Personer med funktionsnedsättning har ett självständigt liv med goda levnadsvillkor",
            "Stöd och service till personer med funktionsnedsättning håller hög kvalitet",
            "Fler personer med funktionsnedsättning har en meningsfull sysselsättning",
        ],
        stems: &[
            stem(
                Drift {
                    old: "Andel brukare som trivs - funktionsnedsättning (stöd och service till personer med funktionsnedsättning)",
                    new: "Andel brukare som är nöjd med sin insats - Funktionsnedsättning (stöd och service till personer med funktionsnedsättning)",
                    from: 2021,
                },
                share(75.0, 95.0),
                true,
                false,
            ),
            stem(
                Each(
                    "Andel brukare som är nöjda med {}",
                    &["sin bostad med särskild service", "sin dagliga verksamhet"],
                ),
                share(70.0, 95.0),
                true,
                false,
            ),
            stem(
                Fixed("Andel brukare i daglig verksamhet som fått pröva arbete"),
                share(5.0, 25.0),
                true,
                false,
            ),
        ],
        actions: &[
            "utveckla samverkan mellan boenden och daglig verksamhet",
            "stärka brukarnas delaktighet i genomförandeplaner",
            "genomföra brukarundersökning inom gruppbostäder",
        ],
        assignments: &[
            "Socialnämnden ska i samarbete med stadsdelsnämnderna öka möjligheterna till arbete för personer i daglig verksamhet.",
        ],
        department: "Avdelningen för stöd och service",
    },
    Theme {
        area: "det trygghetsskapande arbetet",
        committee_goals: &[
            "Stadsdelsområdet är tryggt och säkert för alla",
            "Färre unga begår brott",
            "Våld i nära relationer upptäcks och förebyggs",
        ],
        stems: &[
            stem(
                Each(
                    "Andel invånare som känner sig trygga {}",
                    &[
                        "i sitt bostadsområde",
                        "utomhus kvällstid",
                        "i kollektivtrafiken",
                    ],
                ),
                share(55.0, 85.0),
                true,
                false,
            ),
            stem(
                Fixed("Antal genomförda trygghetsvandringar"),
                count(2.0, 20.0),
                false,
                false,
            ),
            stem(
                Fixed("Antal våldsutsatta som fått stöd av förvaltningen"),
                count(20.0, 160.0),
                true,
                false,
            ),
        ],
        actions: &[
            "genomföra trygghetsvandringar tillsammans med polisen och fastighetsägare",
            "utöka fältassistenternas arbete kvällar och helger",
            "arbeta för att ungdomsrådet återupptas",
            "utveckla arbetet mot våld i nära relationer",
        ],
        assignments: &[
            "Socialnämnden ska i samarbete med stadsdelsnämnderna utveckla arbetet mot våld i nära relationer.",
            "Stadsdelsnämnderna ska i samverkan med polisen genomföra trygghetsmätningar.",
        ],
        department: "Avdelningen för samhällsplanering",
    },
    Theme {
        area: "arbetet med barn och unga",
        committee_goals: &[
            "Barn och unga som riskerar att fara illa får tidigt stöd",
            "Barn och unga har en meningsfull fritid",
            "Placerade barn har en trygg skolgång",
        ],
        stems: &[
            stem(
                Drift {
                    old: "Andel barn och unga som bedöms ha skyddsbehov som har kunnat placeras under trygga förhållanden",
                    new: "Andel barn och unga som bedömts ha skyddsbehov och som inte fått vänta på placering",
                    from: 2020,
                },
                share(85.0, 100.0),
                true,
                false,
            ),
            stem(
                Fixed("Andel utredningar inom barn och unga som slutförs inom fyra månader"),
                share(70.0, 99.0),
                false,
                false,
            ),
            stem(
                Fixed("Antal besök på fritidsgårdarna"),
                count(2000.0, 20000.0),
                true,
                false,
            ),
            stem(
                Fixed("Andel ungdomar som är nöjda med fritidsgårdens verksamhet"),
                share(70.0, 95.0),
                true,
                false,
            ),
        ],
        actions: &[
            "utveckla samverkan mellan skola och socialtjänst",
            "erbjuda lovaktiviteter för barn och unga",
            "implementera BBIC i alla utredningar",
        ],
        assignments: &[
            "Socialnämnden ska i samarbete med stadsdelsnämnderna stärka arbetet med placerade barns skolgång.",
        ],
        department: "Avdelningen för barn och unga",
    },
    Theme {
        area: "arbetet mot hemlöshet och missbruk",
        committee_goals: &[
            "Personer med missbruk får stöd att bryta sitt missbruk",
            "Ingen ska behöva leva i hemlöshet",
        ],
        stems: &[
            stem(
                Drift {
                    old: "Andel meddelanden om avhysning som inkommit till förvaltningen från Kronofogdemyndigheten som kunnat avvärjas",
                    new: "Andel avhysningar som kunnat avvärjas efter inkommet meddelande till förvaltningen från kronofogdemyndigheten",
                    from: 2022,
                },
                share(40.0, 80.0),
                false,
                false,
            ),
            stem(
                Fixed("Andel insats/insatser avslutade enligt plan inom vuxna missbruk"),
                share(35.0, 75.0),
                true,
                false,
            ),
            stem(
                Fixed("Antal hemlösa personer i stadsdelsområdet"),
                count(20.0, 200.0),
                true,
                true,
            ),
        ],
        actions: &[
            "arbeta uppsökande mot personer i hemlöshet",
            "utveckla arbetet med bostad först",
            "förebygga avhysningar genom tidiga hembesök",
        ],
        assignments: &[
            "Socialnämnden ska i samarbete med stadsdelsnämnderna motverka avhysningar av barnfamiljer.",
        ],
        department: "Avdelningen för individ- och familjeomsorg",
    },
    Theme {
        area: "miljö- och klimatarbetet",
        committee_goals: &[
            "Stadsdelsförvaltningens verksamheter minskar sin klimatpåverkan",
            "Stadsdelsområdet har en hållbar och giftfri miljö",
        ],
        stems: &[
            stem(
                Drift {
                    old: "Köpt energi (GWh)",
                    new: "Totalt köpt energi i stadens verksamheter",
                    from: 2020,
                },
                other("GWh", 2.0, 6.0, 1),
                false,
                true,
            ),
            stem(
                Fixed("Andel ekologiska livsmedel"),
                share(30.0, 60.0),
                false,
                false,
            ),
            stem(
                Fixed("Växthusgasutsläpp från livsmedel"),
                other("kg CO2 per kg livsmedel", 1.2, 2.0, 1),
                false,
                true,
            ),
            stem(
                Fixed(
                    "Andel förskolor som har genomfört åtgärder på nivå 2 enligt kemikaliecentrums vägledning",
                ),
                share(40.0, 100.0),
                false,
                false,
            ),
        ],
        actions: &[
            "minska matsvinnet i förskolor och äldreboenden",
            "byta till fossilfria fordon i hemtjänsten",
            "genomföra kemikalieinventering i förskolorna",
        ],
        assignments: &[
            "Miljö- och hälsoskyddsnämnden ska i samarbete med stadsdelsnämnderna minska klimatpåverkan från livsmedel.",
        ],
        department: "Avdelningen för samhällsplanering",
    },
    Theme {
        area: "skötseln av parker och stadsmiljö",
        committee_goals: &[
            "Parker och grönområden är välskötta och tillgängliga",
            "Stadsmiljön är ren och trygg",
        ],
        stems: &[
            stem(
                Drift {
                    old: "Stockholmarnas nöjdhet med skötsel av park och grönområden",
                    new: "Stockholmarnas nöjdhet med skötsel och städning av park och grönområden",
                    from: 2022,
                },
                share(60.0, 80.0),
                false,
                false,
            ),
            stem(
                Fixed("Antal klotteranmälningar"),
                count(50.0, 600.0),
                false,
                true,
            ),
            stem(
                Each(
                    "Andel synpunkter om stadsmiljön som besvaras inom {}",
                    &["48 timmar", "tio arbetsdagar"],
                ),
                share(70.0, 100.0),
                false,
                false,
            ),
        ],
        actions: &[
            "utforma en strategi för gatukonst och muralmålningar i stadsmiljön",
            "rusta upp lekplatser i stadsdelsområdet",
            "genomföra medborgardialoger om parkutveckling",
        ],
        assignments: &[
            "Trafiknämnden ska i samarbete med stadsdelsnämnderna öka renhållningen i stadens parker.",
        ],
        department: "Avdelningen för samhällsplanering",
    },
    Theme {
        area: "medborgardialogen och kultur- och fritidsutbudet",
        committee_goals: &[
            "Invånarna är delaktiga och har inflytande i stadsdelens utveckling",
            "Kultur- och fritidsutbudet är tillgängligt för alla",
        ],
        stems: &[
            stem(
                Fixed("Aktivt Medskapandeindex"),
                index(75.0, 88.0, 0),
                false,
                false,
            ),
            stem(
                Fixed("Antal genomförda medborgardialoger"),
                count(2.0, 15.0),
                false,
                false,
            ),
            stem(
                Fixed("Andel invånare som är nöjda med möjligheten att påverka"),
                share(30.0, 60.0),
                true,
                false,
            ),
        ],
        actions: &[
            "genomföra medborgardialoger inför budget",
            "utveckla samarbetet med civilsamhället och föreningslivet",
            "erbjuda kulturaktiviteter i stadsdelens träffpunkter",
        ],
        assignments: &[
            "Kulturnämnden ska i samarbete med stadsdelsnämnderna öka tillgången till kultur för barn och unga.",
        ],
        department: "Avdelningen för kultur och fritid",
    },
    Theme {
        area: "den ekonomiska uppföljningen",
        committee_goals: &[
            "Nämndens ekonomi är i balans",
            "Förvaltningen har en god intern kontroll",
        ],
        stems: &[
            stem(
                Fixed("Nämndens budgetföljsamhet"),
                share(97.0, 103.0),
                false,
                false,
            ),
            stem(
                Each("Nämndens prognossäkerhet {}", &["T1", "T2"]),
                share(-3.0, 3.0),
                false,
                true,
            ),
            stem(
                Fixed("Andel elektroniska fakturor"),
                share(80.0, 99.0),
                false,
                false,
            ),
        ],
        actions: &[
            "utveckla den interna kontrollen",
            "genomföra upphandling av livsmedel",
            "följa upp prognoserna månadsvis",
        ],
        assignments: &["Prognosuppföljning"],
        department: "Avdelningen för ekonomi och administration",
    },
    Theme {
        area: "kompetensförsörjningen och arbetsmiljön",
        committee_goals: &[
            "Förvaltningen är en attraktiv arbetsgivare",
            "Medarbetarna har en god arbetsmiljö",
        ],
        stems: &[
            stem(Fixed("Sjukfrånvaro"), share(5.0, 9.0), true, true),
            stem(Fixed("Sjukfrånvaro dag 1-14"), share(1.5, 3.5), true, true),
            stem(
                Fixed("Index Bra arbetsgivare"),
                index(75.0, 88.0, 0),
                true,
                false,
            ),
            stem(
                Fixed("Andel nyanställda som har genomgått introduktion"),
                share(70.0, 100.0),
                false,
                false,
            ),
        ],
        actions: &[
            "utveckla arbetet med chefsförsörjning",
            "genomföra hälsofrämjande insatser för medarbetare",
            "utveckla ett ledarskap präglat av mod, tillit och kommunikation",
        ],
        assignments: &["Utveckla arbetet med chefsförsörjning"],
        department: "Avdelningen för HR",
    },
];

/// Endings that vary the activity phrases between councils and years; `{place}` becomes a
/// part of the district and `{year}` the plan year, as real activity titles often have them.
pub const ACTION_ENDINGS: &[&str] = &[
    "",
    "",
    " i {place}",
    " i {place}",
    " under {year}",
    " i {place} under {year}",
    " i hela stadsdelsområdet",
    " i samverkan med civilsamhället",
    " för att öka tryggheten",
    " under året",
    " i dialog med brukarna",
    " enligt stadens riktlinjer",
];

/// Sentences for descriptions (*Beskrivning*); `{area}` becomes the theme's area.
pub const DESCRIPTION_SENTENCES: &[&str] = &[
    "Förvaltningen arbetar för att {area} ska utgå från invånarnas behov.",
    "Insatserna är individuellt utformade utifrån en helhetssyn.",
    "Ett jämställdhetsperspektiv ska genomsyra {area}.",
    "Barnrättsperspektivet tas tillvara i alla ärenden som rör barn.",
    "Förvaltningen samverkar med civilsamhället, polisen och andra förvaltningar.",
    "Verksamheten ska vara tillgänglig för alla oavsett funktionsförmåga.",
    "Digitala arbetssätt utvecklas för att öka servicen till invånarna.",
    "Förvaltningen fortsätter att utveckla {area} tillsammans med de boende.",
];

/// *Förväntat resultat* items.
pub const EXPECTED_RESULTS: &[&str] = &[
    "Fler invånare är nöjda med {area}.",
    "Kvaliteten i {area} ökar.",
    "Insatserna är jämställda och når både kvinnor och män.",
    "Fler får rätt stöd i rätt tid.",
    "Samverkan med andra aktörer har stärkts.",
    "Brukarna upplever ökad delaktighet.",
];

/// Analysis sentences for a forecast (T1/T2).
pub const FORECAST_SENTENCES: &[&str] = &[
    "Arbetet med {area} har fortsatt enligt plan under perioden.",
    "Den pågående pandemin har påverkat {area} och vissa insatser har fått ställas om.",
    "Samverkan med civilsamhället och andra förvaltningar har stärkts.",
    "Utfallet är något lägre än samma period föregående år.",
    "Insatserna har anpassats efter målgruppens behov.",
    "Förvaltningen följer utvecklingen noga och vidtar åtgärder vid behov.",
    "Förvaltningen bidrar till stadens arbete med Agenda 2030 inom {area}.",
    "Rekryteringsläget har varit ansträngt vilket har påverkat {area}.",
    "Digitala arbetssätt har utvecklats och används i högre grad.",
];

/// Analysis sentences for the annual report (VB): past tense.
pub const REPORT_SENTENCES: &[&str] = &[
    "Under året har {area} utvecklats enligt plan.",
    "Pandemin medförde att vissa insatser inom {area} fick ställas om.",
    "Samverkan med civilsamhället har stärkts under året.",
    "Resultatet från brukarundersökningen visar en positiv utveckling.",
    "Ett jämställdhetsperspektiv har beaktats i planering och uppföljning.",
    "Förvaltningen har bidragit till stadens arbete med Agenda 2030 inom {area}.",
    "Vissa aktiviteter har skjutits upp till nästa år.",
];

/// Analyses of single indicator rows.
pub const INDICATOR_NOTES: &[&str] = &[
    "Årsmålet var för högt satt i verksamhetsplanen och har därför justerats i samband med tertialrapporten.",
    "Utfallet påverkas av att färre brukare har besvarat enkäten.",
    "Indikatorn mäts årligen och redovisas i verksamhetsberättelsen.",
    "Förvaltningen bedömer att årsmålet kommer att nås trots ett lägre utfall under perioden.",
    "Skillnaden mellan kvinnor och män analyseras vidare inom verksamheten.",
];

/// Analyses of activities with a deviation (*Avvikelse*).
pub const DEVIATION_NOTES: &[&str] = &[
    "Aktiviteten har skjutits upp till nästa år på grund av pandemin.",
    "Förutsättningarna för att genomföra aktiviteten har saknats under året.",
    "Aktiviteten är försenad och fortsätter under nästa år.",
    "Rekryteringen av projektledare har dragit ut på tiden.",
];
