-- refnet schema, version 8: the graph walks of intro paths read indexes
-- alone: the contacts connected to a contact (whichever end of the
-- connection they are stored at), the members who know a contact, and the
-- contacts a member knows, each with the strength and last touch that
-- paths are scored by.
DROP INDEX connections_other;
CREATE INDEX connections_other ON connections (firm_id, other_id, contact_id);
DROP INDEX relationships_contact;
CREATE INDEX relationships_contact
  ON relationships (firm_id, contact_id, member_id, strength, last_touch_us);
CREATE INDEX relationships_member_ties
  ON relationships (firm_id, member_id, contact_id, strength, last_touch_us);
