//! Readers for plans and reports (VP, T1/T2, VB) as text taken from their PDF or DOCX.
