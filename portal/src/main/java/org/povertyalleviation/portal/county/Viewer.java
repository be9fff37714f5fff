package org.povertyalleviation.portal.county;

import java.util.List;
import java.util.Set;

/**
 * Who is signed in, for what the pages offer: the services decide what the user may do, the portal only avoids
 * offering what would be refused (a clerk sees no approve button).
 *
 * @param username the Keycloak user name
 * @param name     the name to greet
 * @param roles    realm roles of the access token
 * @param counties the counties the user may read (from the county registry), in code order
 */
public record Viewer(String username, String name, Set<String> roles, List<County> counties) {

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean countyAdmin() {
        return is("county-admin");
    }

    /** Clerks and cadres run the file; admins too. */
    public boolean staff() {
        return is("county-admin") || is("county-clerk") || is("village-cadre") || is("platform-operator");
    }

    /** Label sheets carry every serial of a run: the supply platform gives them to county admins, clerks and operators only. */
    public boolean printsLabels() {
        return officeStaff();
    }

    /**
     * The county's logistics (network, coverage, windows, bookings, backhaul, milk runs): logistics booking lets
     * operators, officers, county staff, cadres and auditors read them (partners read only the network and their own
     * bookings, through the API).
     */
    public boolean readsLogistics() {
        return countyReader();
    }

    /**
     * The county's training (courses, sessions, attendance, certificates, coverage): the training service lets the same
     * roles read it (partners, learning apps, read the catalogue and their own sessions through the API only).
     */
    public boolean readsTraining() {
        return countyReader();
    }

    /**
     * Offers courses, schedules sessions, plans sittings, records assessments, issues certificates and prints their PDF:
     * the training service allows the county office and operators only.
     */
    public boolean runsTraining() {
        return officeStaff();
    }

    /** Enrols people and cancels enrolments, runs the lecturer's screen and marks attendance: the office, operators and village cadres. */
    public boolean lecturesTraining() {
        return officeStaff() || is("village-cadre");
    }

    /** Revokes a certificate: operators and county admins only. */
    public boolean revokesCertificates() {
        return is("platform-operator") || is("county-admin");
    }

    /**
     * The county's crowdfunding projects, their pledges, settlement, money and refunds: crowdfunding lets the same roles
     * read them (partners, platforms and payment partners, use the API only).
     */
    public boolean readsCrowdfunding() {
        return countyReader();
    }

    /** Drafts a project, submits it and reviews one (a clerk's review, or an admin's): the county office and operators. */
    public boolean draftsProjects() {
        return officeStaff();
    }

    /**
     * Approves (publishes) a reviewed project, cancels one and confirms its delivery (money moves): county admins and
     * operators only. The service also refuses the reviewer's own approval (four eyes); the page cannot know who
     * reviewed in the viewer's terms, so it offers the button and shows that refusal.
     */
    public boolean approvesProjects() {
        return is("platform-operator") || is("county-admin");
    }

    /**
     * Ties a funded project's tiers to their traced lots and dispatches its rewards (bookings with logistics, made as
     * this user): crowdfunding lets county admins, clerks and operators.
     */
    public boolean deliversRewards() {
        return officeStaff();
    }

    /** Refunds a funded project's backer whose reward will not be delivered: crowdfunding's staff (county admins, clerks, operators). */
    public boolean refundsPledges() {
        return officeStaff();
    }

    /** Milk runs are planned, locked and replanned by operators, county admins and clerks only. */
    public boolean plansMilkRuns() {
        return officeStaff();
    }

    /** Operators, province and city officers, county staff, village cadres and auditors. */
    private boolean countyReader() {
        return is("platform-operator") || is("province-officer") || is("city-officer") || is("county-admin") || is("county-clerk")
                || is("village-cadre") || is("auditor");
    }

    /** The county office (admins, clerks) and the platform's operators. */
    private boolean officeStaff() {
        return is("county-admin") || is("county-clerk") || is("platform-operator");
    }

    /** More than one county to choose from: city and province officers, operators. */
    public boolean switchesCounties() {
        return counties.size() > 1;
    }

    public County county(String code) {
        return counties.stream().filter(county -> county.code().equals(code)).findFirst().orElse(null);
    }
}
