//! The UN Sustainable Development Goals of Agenda 2030 (*de globala målen*) by their Swedish
//! short names, as the city's plans cite them (DOMAIN.md §2.5).

/// The short Swedish name of global goal `number` (1–17), or `None` for any other number.
pub fn name(number: u8) -> Option<&'static str> {
    let index = usize::from(number).checked_sub(1)?;
    NAMES.get(index).copied()
}

/// A goal's references as one line: "3 God hälsa och välbefinnande · 5 Jämställdhet".
pub fn describe(numbers: &[u8]) -> String {
    numbers
        .iter()
        .map(|&n| match name(n) {
            Some(name) => format!("{n} {name}"),
            None => n.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

const NAMES: [&str; 17] = [
    "Ingen fattigdom",
    "Ingen hunger",
    "God hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_one_to_seventeen_only() {
        assert_eq!(name(1), Some("Ingen fattigdom"));
        assert_eq!(name(17), Some("Genomförande och globalt partnerskap"));
        assert_eq!(name(0), None);
        assert_eq!(name(18), None);
        assert_eq!(
            describe(&[3, 5]),
            "3 God hälsa och välbefinnande · 5 Jämställdhet"
        );
        assert_eq!(describe(&[42]), "42");
    }
}
