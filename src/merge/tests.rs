//! The sign-off round on documents built from the test report.
