-- refnet schema, version 8: contacts connected to a contact are read from
-- the index alone, whichever end of the connection they are stored at.
DROP INDEX connections_other;
CREATE INDEX connections_other ON connections (firm_id, other_id, contact_id);
